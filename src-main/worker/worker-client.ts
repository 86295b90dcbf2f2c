// Starts the inference worker as a Node child process (the CLI's and the tests' way; the app uses
// Electron's utilityProcess with the same script) and turns its messages into promises.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SegmentRecord } from '../../src-shared/jobs/render-job.js';
import type { WorkerEvent, WorkerRequestBody } from '../../src-shared/jobs/worker-messages.js';
import { PRESTART_INFERENCE_THREAD } from '../../src-shared/jobs/worker-start.js';
import type { InferenceWorker } from './inference-worker.js';
import { PendingRequests } from './pending-requests.js';

export type ProgressEvent = Extract<WorkerEvent, { type: 'progress' }>;

export interface WorkerCallbacks {
  onProgress?(progress: ProgressEvent): void;
  onNotice?(message: string): void;
  onSegment?(segment: SegmentRecord): void;
}

/** The compiled worker beside the compiled main; from source (tests under tsx), the .ts file. */
export function workerScript(): { script: string; execArgv: string[] } {
  const compiled = fileURLToPath(new URL('../../src-worker/main.js', import.meta.url));
  if (existsSync(compiled)) return { script: compiled, execArgv: [] };
  return { script: fileURLToPath(new URL('../../src-worker/main.ts', import.meta.url)), execArgv: ['--import', 'tsx'] };
}

export class WorkerClient implements InferenceWorker {
  private readonly child: ChildProcess;
  private readonly requests = new PendingRequests();

  /** `prestartInference`: the worker starts its inference thread at boot (see src-worker/main.ts), where renders and previews of pixel packs run their models. */
  constructor(options: { prestartInference?: boolean } = {}) {
    const { script, execArgv } = workerScript();
    this.child = fork(script, options.prestartInference ? [PRESTART_INFERENCE_THREAD] : [], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
    this.child.on('message', (event: WorkerEvent) => this.requests.dispatch(event));
    this.child.on('exit', (code, signal) => this.requests.workerDied(new Error(`the inference worker stopped unexpectedly (${signal ?? `exit code ${code}`})`)));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  request(request: WorkerRequestBody, callbacks: WorkerCallbacks = {}): Promise<unknown> {
    return this.start(request, callbacks).done;
  }

  /** Sends a request and returns its id (for cancel) with the promise of its result. */
  start(request: WorkerRequestBody, callbacks: WorkerCallbacks = {}): { id: string; done: Promise<unknown> } {
    return this.requests.start(request, callbacks, (message) => this.child.send(message));
  }

  /** Asks the worker to stop a request; its promise then rejects with the cancellation. */
  cancel(target: string): void {
    if (!this.requests.died && this.child.connected) this.child.send({ type: 'cancel', id: `cancel-${target}`, target });
  }

  /** Ends the worker at once (what a crash looks like to the caller). */
  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    this.child.kill(signal);
  }

  close(): void {
    if (this.child.connected) this.child.disconnect();
  }
}
