// The preload: `window.specula` is exactly the contract's calls and event subscriptions, carried
// over two IPC channels. No ipcRenderer, no generic send, no Node: the page gets this object only.
// Bundled into one CommonJS file (sandboxed preloads cannot load modules of their own).
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { errorMessageForBridge } from '../../src-shared/api/api-error.js';
import type { CallReply } from '../../src-shared/api/api-client.js';
import { CALL_NAMES, EVENT_NAMES, eventMethodName } from '../../src-shared/api/contract-names.js';
import { IPC_CALL_CHANNEL, IPC_DROP_CHANNEL, IPC_EVENT_CHANNEL } from '../../src-shared/api/ipc-channels.js';

// The page's window, as far as this file uses it (the preload compiles without the DOM library).
declare const window: { addEventListener(type: 'drop', listener: (event: { dataTransfer: { files: ArrayLike<File> } | null }) => void, capture: boolean): void } | undefined;

const api: Record<string, unknown> = {};
for (const name of CALL_NAMES) {
  api[name] = async (input: unknown = {}) => {
    const reply = (await ipcRenderer.invoke(IPC_CALL_CHANNEL, name, input)) as CallReply;
    if (reply.ok) return reply.result;
    throw new Error(errorMessageForBridge(reply.error));
  };
}
for (const event of EVENT_NAMES) {
  api[eventMethodName(event)] = (listener: (payload: unknown) => void) => {
    const handler = (_event: IpcRendererEvent, name: string, payload: unknown): void => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => void ipcRenderer.off(IPC_EVENT_CHANNEL, handler);
  };
}
contextBridge.exposeInMainWorld('specula', api);

// A drop's files: the page cannot see where they are on disk, only this world can (webUtils).
// Their paths go to the main process, which grants them (dropping is choosing) and imports them;
// the page hears how it went through the clipsImported event. Nothing is exposed for this.
if (typeof window !== 'undefined') {
  window.addEventListener(
    'drop',
    (event) => {
      const paths = Array.from(event.dataTransfer?.files ?? [], (file) => webUtils.getPathForFile(file)).filter((p) => p !== '');
      if (paths.length > 0) ipcRenderer.send(IPC_DROP_CHANNEL, paths);
    },
    true,
  );
}
