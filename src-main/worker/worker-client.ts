// Starts the inference worker as a Node child process (the CLI's and the tests' way; the app uses
// Electron's utilityProcess with the same script) and turns its messages into promises.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { WorkerEvent, WorkerRequestBody } from '../../src-shared/jobs/worker-messages.js';

export interface WorkerCallbacks {
  onProgress?(stage: string, done: number, total: number): void;
  onNotice?(message: string): void;
}

type Pending = WorkerCallbacks & { resolve(result: unknown): void; reject(error: Error): void };

/** The compiled worker beside the compiled main; from source (tests under tsx), the .ts file. */
function workerScript(): { script: string; execArgv: string[] } {
  const compiled = fileURLToPath(new URL('../../src-worker/main.js', import.meta.url));
  if (existsSync(compiled)) return { script: compiled, execArgv: [] };
  return { script: fileURLToPath(new URL('../../src-worker/main.ts', import.meta.url)), execArgv: ['--import', 'tsx'] };
}

export class WorkerClient {
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
    if (this.exited) return Promise.reject(this.exited);
    const id = String(this.nextId++);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { ...callbacks, resolve, reject });
      this.child.send({ ...request, id });
    });
  }

  close(): void {
    if (this.child.connected) this.child.disconnect();
  }

  private dispatch(event: WorkerEvent): void {
    const pending = this.pending.get(event.id);
    if (!pending) return;
    if (event.type === 'progress') pending.onProgress?.(event.stage, event.done, event.total);
    else if (event.type === 'notice') pending.onNotice?.(event.message);
    else {
      this.pending.delete(event.id);
      if (event.type === 'result') pending.resolve(event.result);
      else pending.reject(new Error(event.message));
    }
  }
}
