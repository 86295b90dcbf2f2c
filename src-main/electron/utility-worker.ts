// The inference worker as an Electron utility process (the app's way; the CLI forks a Node child
// with the same script). It speaks the same messages as WorkerClient, through Electron's
// parentPort on the worker's side (src-worker/host-port.ts).
import { utilityProcess, type UtilityProcess } from 'electron';
import { fileURLToPath } from 'node:url';
import type { WorkerEvent, WorkerRequestBody } from '../../src-shared/jobs/worker-messages.js';
import type { InferenceWorker } from '../worker/inference-worker.js';
import { PendingRequests } from '../worker/pending-requests.js';
import type { WorkerCallbacks } from '../worker/worker-client.js';

const WORKER_SCRIPT = fileURLToPath(new URL('../../src-worker/main.js', import.meta.url));

export class UtilityWorker implements InferenceWorker {
  private readonly child: UtilityProcess;
  private readonly requests = new PendingRequests();
  private closing = false;

  constructor() {
    this.child = utilityProcess.fork(WORKER_SCRIPT, [], { serviceName: 'Specula inference', stdio: 'inherit' });
    this.child.on('message', (event: WorkerEvent) => {
      if (this.requests.dispatch(event) && this.closing && this.requests.size === 0) this.child.kill();
    });
    this.child.on('exit', (code) => this.requests.workerDied(new Error(`the inference worker stopped unexpectedly (exit code ${code})`)));
  }

  start(request: WorkerRequestBody, callbacks: WorkerCallbacks = {}): { id: string; done: Promise<unknown> } {
    return this.requests.start(request, callbacks, (message) => this.child.postMessage(message));
  }

  cancel(target: string): void {
    if (!this.requests.died) this.child.postMessage({ type: 'cancel', id: `cancel-${target}`, target });
  }

  /** A utility process has no channel to close: it is ended once nothing is pending. */
  close(): void {
    this.closing = true;
    if (this.requests.size === 0 && !this.requests.died) this.child.kill();
  }

  kill(): void {
    this.child.kill();
  }
}
