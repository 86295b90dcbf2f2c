// The worker's one link to its host: Electron's utilityProcess gives process.parentPort; the CLI
// and tests fork a Node child process with an IPC channel. Same script, two tiny adapters.
import type { WorkerEvent } from '../src-shared/jobs/worker-messages.js';

export interface HostPort {
  send(event: WorkerEvent): void;
  onMessage(handler: (message: unknown) => void): void;
  /** The host went away (closed the channel or died). */
  onClose(handler: () => void): void;
}

interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

export function connectToHost(): HostPort {
  const parentPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;
  if (parentPort) {
    // Electron ends a utility process with its parent; there is no close event to wait for.
    return { send: (event) => parentPort.postMessage(event), onMessage: (handler) => parentPort.on('message', (e) => handler(e.data)), onClose: () => undefined };
  }
  if (process.send) {
    // Ctrl-C reaches the whole process group; the host decides what it means and sends a cancel.
    process.on('SIGINT', () => undefined);
    return {
      // A host that just went away cannot be told anything; the write's error is not a crash.
      send: (event) => {
        if (process.connected) process.send!(event, undefined, {}, () => undefined);
      },
      onMessage: (handler) => process.on('message', handler),
      onClose: (handler) => process.on('disconnect', handler),
    };
  }
  throw new Error('The Specula worker is started by the app or the CLI, not on its own.');
}
