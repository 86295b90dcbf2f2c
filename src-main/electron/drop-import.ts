// Files and folders dropped on the window: only the preload can tell where a dropped file is on
// disk, so it sends the paths here; dropping is choosing, so they are granted, then imported as
// "Add folder…" would. The page hears the result through clipsImported.
import { ipcMain } from 'electron';
import { z } from 'zod';
import { AbsolutePathSchema } from '../../src-shared/api/contract.js';
import { IPC_DROP_CHANNEL } from '../../src-shared/api/ipc-channels.js';
import type { ApiRouter, CallContext } from '../api/router.js';

const DroppedPaths = z.array(AbsolutePathSchema).min(1).max(10_000);

export function acceptDrops(router: ApiRouter, context: CallContext, isAppPage: (url: string) => boolean): () => void {
  const listener = (event: Electron.IpcMainEvent, paths: unknown): void => {
    if (!event.senderFrame || !isAppPage(event.senderFrame.url)) return;
    const dropped = DroppedPaths.safeParse(paths);
    if (!dropped.success) return;
    for (const file of dropped.data) context.grants.grant(file);
    void router.call('addClips', { paths: dropped.data, recursive: true }, context);
  };
  ipcMain.on(IPC_DROP_CHANNEL, listener);
  return () => void ipcMain.off(IPC_DROP_CHANNEL, listener);
}
