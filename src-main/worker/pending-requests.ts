// The requests a worker process has in flight, whatever carries them (a Node child's IPC channel
// or Electron's utility-process port): each gets an id, its callbacks hear its progress, notices
// and segments, and its promise settles with its result, its error, or the worker's death.
import type { WorkerEvent, WorkerRequestBody } from '../../src-shared/jobs/worker-messages.js';
import type { WorkerCallbacks } from './worker-client.js';

type Pending = WorkerCallbacks & { resolve(result: unknown): void; reject(error: Error): void };

export class PendingRequests {
  private readonly pending = new Map<string, Pending>();
  private nextId = 1;
  private exited: Error | null = null;

  /** Whether the worker has died (requests sent after that reject at once). */
  get died(): boolean {
    return this.exited !== null;
  }

  get size(): number {
    return this.pending.size;
  }

  /** Gives the request an id, hands it to `send`, and returns the id with its result's promise. */
  start(request: WorkerRequestBody, callbacks: WorkerCallbacks, send: (message: WorkerRequestBody & { id: string }) => void): { id: string; done: Promise<unknown> } {
    const id = String(this.nextId++);
    if (this.exited) return { id, done: Promise.reject(this.exited) };
    const done = new Promise((resolve, reject) => {
      this.pending.set(id, { ...callbacks, resolve, reject });
      send({ ...request, id });
    });
    return { id, done };
  }

  /** Routes one message from the worker; true when it settled its request. */
  dispatch(event: WorkerEvent): boolean {
    const pending = this.pending.get(event.id);
    if (!pending) return false;
    if (event.type === 'progress') pending.onProgress?.(event);
    else if (event.type === 'notice') pending.onNotice?.(event.message);
    else if (event.type === 'segment') pending.onSegment?.(event.segment);
    else {
      this.pending.delete(event.id);
      if (event.type === 'result') pending.resolve(event.result);
      else pending.reject(new Error(event.message));
      return true;
    }
    return false;
  }

  /** The worker is gone: every request in flight, and every later one, rejects with `error`. */
  workerDied(error: Error): void {
    this.exited = error;
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }
}
