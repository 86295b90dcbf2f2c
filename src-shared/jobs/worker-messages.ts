// Messages between a host (the app's main process, the CLI, a test) and the inference worker.
// Only job specs, progress and small results cross; frames never do.
import { z } from 'zod';
import { PreviewJobSchema } from './preview-job.js';

export const WorkerRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('preview'), id: z.string(), job: PreviewJobSchema }),
  z.object({ type: z.literal('verify-pack'), id: z.string(), packDir: z.string(), manifest: z.unknown() }),
]);

export type WorkerRequest = z.infer<typeof WorkerRequestSchema>;

export type WorkerEvent =
  | { type: 'progress'; id: string; stage: string; done: number; total: number }
  | { type: 'notice'; id: string; message: string }
  | { type: 'result'; id: string; result: unknown }
  | { type: 'error'; id: string; message: string };

/** A request before the client gives it an id. */
export type WorkerRequestBody = WorkerRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;
