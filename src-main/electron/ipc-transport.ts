// The app's transport: the preload's two IPC channels, wired to the router. Calls are answered
// only for the app's own pages, and every window gets every event.
import { ipcMain, webContents, type IpcMainInvokeEvent } from 'electron';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../src-shared/api/ipc-channels.js';
import type { ApiRouter, CallContext } from '../api/router.js';

export function connectIpc(router: ApiRouter, context: CallContext, isAppPage: (url: string) => boolean): () => void {
  ipcMain.handle(IPC_CALL_CHANNEL, (event: IpcMainInvokeEvent, name: unknown, input: unknown) => {
    if (!event.senderFrame || !isAppPage(event.senderFrame.url)) {
      return { ok: false, error: { code: 'forbidden-path', message: 'This page may not use Specula.' } };
    }
    return router.call(String(name), input, context);
  });
  const unsubscribe = router.subscribe((name, payload) => {
    for (const contents of webContents.getAllWebContents()) if (!contents.isDestroyed() && isAppPage(contents.getURL())) contents.send(IPC_EVENT_CHANNEL, name, payload);
  });
  return () => {
    ipcMain.removeHandler(IPC_CALL_CHANNEL);
    unsubscribe();
  };
}
