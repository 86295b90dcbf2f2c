// The inference worker as an Electron utility process (the app's way; the CLI forks a Node child
// with the same script). It speaks the same messages as WorkerClient, through Electron's
// parentPort on the worker's side (src-worker/host-port.ts).
import { utilityProcess, type UtilityProcess } from 'electron';
import { fileURLToPath } from 'node:url';
import type { WorkerEvent, WorkerRequestBody } from '../../src-shared/jobs/worker-messages.js';
import type { InferenceWorker } from '../worker/inference-worker.js';
import type { WorkerCallbacks } from '../worker/worker-client.js';

type Pending = WorkerCallbacks & { resolve(result: unknown): void; reject(error: Error): void };

const WORKER_SCRIPT = fileURLToPath(new URL('../../src-worker/main.js', import.meta.url));

export class UtilityWorker implements InferenceWorker {
  private readonly child: UtilityProcess;
  private readonly pending = new Map<string, Pending>();
  private nextId = 1;
  private exited: Error | null = null;
  private closing = false;

  constructor() {
    this.child = utilityProcess.fork(WORKER_SCRIPT, [], { serviceName: 'Specula inference', stdio: 'inherit' });
    this.child.on('message', (event: WorkerEvent) => this.dispatch(event));
    this.child.on('exit', (code) => {
      this.exited = new Error(`the inference worker stopped unexpectedly (exit code ${code})`);
      for (const p of this.pending.values()) p.reject(this.exited);
      this.pending.clear();
    });
  }

  start(request: WorkerRequestBody, callbacks: WorkerCallbacks = {}): { id: string; done: Promise<unknown> } {
    const id = String(this.nextId++);
    if (this.exited) return { id, done: Promise.reject(this.exited) };
    const done = new Promise((resolve, reject) => {
      this.pending.set(id, { ...callbacks, resolve, reject });
      this.child.postMessage({ ...request, id });
    });
    return { id, done };
  }

  cancel(target: string): void {
    if (!this.exited) this.child.postMessage({ type: 'cancel', id: `cancel-${target}`, target });
  }

  /** A utility process has no channel to close: it is ended once nothing is pending. */
  close(): void {
    this.closing = true;
    if (this.pending.size === 0 && !this.exited) this.child.kill();
  }

  kill(): void {
    this.child.kill();
  }

  private dispatch(event: WorkerEvent): void {
    const pending = this.pending.get(event.id);
    if (!pending) return;
    if (event.type === 'progress') pending.onProgress?.(event);
    else if (event.type === 'notice') pending.onNotice?.(event.message);
    else if (event.type === 'segment') pending.onSegment?.(event.segment);
    else {
      this.pending.delete(event.id);
      if (event.type === 'result') pending.resolve(event.result);
      else pending.reject(new Error(event.message));
      if (this.closing && this.pending.size === 0) this.child.kill();
    }
  }
}
