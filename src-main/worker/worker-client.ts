// Starts the inference worker as a Node child process (the CLI's and the tests' way; the app uses
// Electron's utilityProcess with the same script) and turns its messages into promises.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SegmentRecord } from '../../src-shared/jobs/render-job.js';
import type { WorkerEvent, WorkerRequestBody } from '../../src-shared/jobs/worker-messages.js';
import type { InferenceWorker } from './inference-worker.js';

export type ProgressEvent = Extract<WorkerEvent, { type: 'progress' }>;

export interface WorkerCallbacks {
  onProgress?(progress: ProgressEvent): void;
  onNotice?(message: string): void;
  onSegment?(segment: SegmentRecord): void;
}

type Pending = WorkerCallbacks & { resolve(result: unknown): void; reject(error: Error): void };

/** The compiled worker beside the compiled main; from source (tests under tsx), the .ts file. */
function workerScript(): { script: string; execArgv: string[] } {
  const compiled = fileURLToPath(new URL('../../src-worker/main.js', import.meta.url));
  if (existsSync(compiled)) return { script: compiled, execArgv: [] };
  return { script: fileURLToPath(new URL('../../src-worker/main.ts', import.meta.url)), execArgv: ['--import', 'tsx'] };
}

export class WorkerClient implements InferenceWorker {
  private readonly child: ChildProcess;
  private readonly pending = new Map<string, Pending>();
  private nextId = 1;
  private exited: Error | null = null;

  constructor() {
    const { script, execArgv } = workerScript();
    this.child = fork(script, [], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
    this.child.on('message', (event: WorkerEvent) => this.dispatch(event));
    this.child.on('exit', (code, signal) => {
      this.exited = new Error(`the inference worker stopped unexpectedly (${signal ?? `exit code ${code}`})`);
      for (const p of this.pending.values()) p.reject(this.exited);
      this.pending.clear();
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  request(request: WorkerRequestBody, callbacks: WorkerCallbacks = {}): Promise<unknown> {
    return this.start(request, callbacks).done;
  }

  /** Sends a request and returns its id (for cancel) with the promise of its result. */
  start(request: WorkerRequestBody, callbacks: WorkerCallbacks = {}): { id: string; done: Promise<unknown> } {
    const id = String(this.nextId++);
    if (this.exited) return { id, done: Promise.reject(this.exited) };
    const done = new Promise((resolve, reject) => {
      this.pending.set(id, { ...callbacks, resolve, reject });
      this.child.send({ ...request, id });
    });
    return { id, done };
  }

  /** Asks the worker to stop a request; its promise then rejects with the cancellation. */
  cancel(target: string): void {
    if (!this.exited && this.child.connected) this.child.send({ type: 'cancel', id: `cancel-${target}`, target });
  }

  /** Ends the worker at once (what a crash looks like to the caller). */
  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    this.child.kill(signal);
  }

  close(): void {
    if (this.child.connected) this.child.disconnect();
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
    }
  }
}
