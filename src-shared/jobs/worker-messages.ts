// Messages between a host (the app's main process, the CLI, a test) and the inference worker.
// Only job specs, progress and small results cross; frames never do.
import { z } from 'zod';
import { FusionSettingsSchema } from '../fusion/fusion-settings.js';
import { ExportJobSchema } from './export-job.js';
import { EvalJobSchema } from './eval-job.js';
import { PreviewJobSchema } from './preview-job.js';
import { RenderJobSchema, type SegmentRecord } from './render-job.js';

export const WorkerRequestSchema = z.discriminatedUnion('type', [
  /** keep: hold the branches for later re-fusion (the app's previews). */
  z.object({ type: z.literal('preview'), id: z.string(), job: PreviewJobSchema, keep: z.boolean().optional() }),
  /** Fuses a kept preview's branches again with other settings, into the picture `out` (BMP); no model runs. */
  z.object({ type: z.literal('refuse-preview'), id: z.string(), dir: z.string().min(1), fusion: FusionSettingsSchema, out: z.string().min(1) }),
  z.object({ type: z.literal('verify-pack'), id: z.string(), packDir: z.string(), manifest: z.unknown() }),
  z.object({ type: z.literal('render'), id: z.string(), job: RenderJobSchema }),
  /**
   * A render of this pack, scale and engine will follow: its models are opened now (answered at
   * once; a failure to open is the render's to report).
   */
  z.object({ type: z.literal('warm'), id: z.string(), target: RenderJobSchema.pick({ pack: true, scale: true, engine: true }) }),
  z.object({ type: z.literal('export'), id: z.string(), job: ExportJobSchema }),
  z.object({ type: z.literal('eval'), id: z.string(), job: EvalJobSchema }),
  /** Stops the request `target`: its ffmpeg children end, no partial output is left. */
  z.object({ type: z.literal('cancel'), id: z.string(), target: z.string() }),
]);

export type WorkerRequest = z.infer<typeof WorkerRequestSchema>;

export type WorkerEvent =
  | { type: 'progress'; id: string; stage: string; done: number; total: number; fps?: number; etaSeconds?: number }
  | { type: 'notice'; id: string; message: string }
  | { type: 'segment'; id: string; segment: SegmentRecord }
  | { type: 'result'; id: string; result: unknown }
  | { type: 'error'; id: string; message: string };

/** A request before the client gives it an id. */
export type WorkerRequestBody = WorkerRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;
