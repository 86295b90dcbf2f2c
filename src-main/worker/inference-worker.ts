// What the queue needs of a worker process. The CLI and tests use WorkerClient (a Node child
// process); the app provides the same over Electron's utilityProcess.
import type { WorkerRequestBody } from '../../src-shared/jobs/worker-messages.js';
import type { WorkerCallbacks } from './worker-client.js';

export interface InferenceWorker {
  start(request: WorkerRequestBody, callbacks?: WorkerCallbacks): { id: string; done: Promise<unknown> };
  cancel(target: string): void;
  /** Lets the worker finish what it is doing and exit. */
  close(): void;
  /** Ends it at once. */
  kill(signal?: NodeJS.Signals): void;
}

export type WorkerFactory = () => InferenceWorker;

/** How a worker's death reads in a request's rejection. */
export const WORKER_DIED = /stopped unexpectedly/;
