// The worker's one link to its host: Electron's utilityProcess gives process.parentPort; the CLI
// and tests fork a Node child process with an IPC channel. Same script, two tiny adapters.
import type { WorkerEvent } from '../src-shared/jobs/worker-messages.js';

export interface HostPort {
  send(event: WorkerEvent): void;
  onMessage(handler: (message: unknown) => void): void;
}

interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

export function connectToHost(): HostPort {
  const parentPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;
  if (parentPort) {
    return { send: (event) => parentPort.postMessage(event), onMessage: (handler) => parentPort.on('message', (e) => handler(e.data)) };
  }
  if (process.send) {
    process.on('disconnect', () => process.exit(0));
    return { send: (event) => process.send!(event), onMessage: (handler) => process.on('message', handler) };
  }
  throw new Error('The Specula worker is started by the app or the CLI, not on its own.');
}
