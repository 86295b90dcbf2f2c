// The desktop app's main process: one instance, one window, the library's services with the
// inference worker in Electron utility processes, the API over IPC, the app's scheme for the
// interface and the library's media, native dialogs, drops and the menu. Quitting pauses the
// queue (renders keep their segments) and closes the library cleanly.
import { app, dialog, Menu, type BrowserWindow } from 'electron';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ChoosePurpose } from '../../src-shared/api/preview-records.js';
import { createHandlers } from '../api/handlers.js';
import { PathGrants } from '../api/path-grants.js';
import { ApiRouter, type CallContext } from '../api/router.js';
import { defaultLibraryFile, projectRoot } from '../app-paths.js';
import { SpeculaServices } from '../app/specula-services.js';
import { LibraryMedia } from '../media-files/library-media.js';
import { appMenu } from './app-menu.js';
import { handleAppScheme, isAppPage, registerAppScheme } from './app-protocol.js';
import { createAppWindow } from './app-window.js';
import { acceptDrops } from './drop-import.js';
import { connectIpc } from './ipc-transport.js';
import { nativeDialogs } from './native-dialogs.js';
import { UtilityWorker } from './utility-worker.js';

registerAppScheme();

if (!app.requestSingleInstanceLock()) app.quit();
else run();

function run(): void {
  let window: BrowserWindow | null = null;
  let services: SpeculaServices | null = null;
  let closing: Promise<void> | null = null;

  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  app.on('window-all-closed', () => app.quit());

  app.on('before-quit', (event) => {
    if (!services) return;
    event.preventDefault();
    const open = services;
    closing ??= open
      .close({ pauseQueue: true })
      .catch((error: unknown) => console.error(`Specula: closing the library: ${String(error)}`))
      .finally(() => {
        services = null;
        app.quit();
      });
  });

  void app.whenReady().then(async () => {
    useBundledResources();
    try {
      services = await SpeculaServices.open({ libraryFile: defaultLibraryFile(), workers: () => new UtilityWorker() });
      services.startWork();
    } catch (error) {
      dialog.showErrorBox('Specula cannot open its library', error instanceof Error ? error.message : String(error));
      await services?.close();
      services = null;
      app.exit(1);
      return;
    }
    const router = new ApiRouter(createHandlers(services), services.events);
    const context: CallContext = { grants: PathGrants.within([]), dialogs: nativeDialogs(() => window) };
    connectIpc(router, context, isAppPage);
    acceptDrops(router, context, isAppPage);
    const media = new LibraryMedia(services.library, services.previews.root);
    handleAppScheme(path.join(projectRoot(), 'dist', 'renderer'), () => (services ? media : null));

    const choose = async (purpose: ChoosePurpose): Promise<string[]> => {
      const reply = await router.call('choosePaths', { purpose }, context);
      return reply.ok ? (reply.result as { paths: string[] }).paths : [];
    };
    const addChosen = (purpose: ChoosePurpose): void =>
      void choose(purpose).then(async (paths) => {
        if (paths.length > 0) await router.call('addClips', { paths, recursive: true }, context);
      });
    Menu.setApplicationMenu(
      appMenu({
        addFolder: () => addChosen('clips-folder'),
        addFiles: () => addChosen('clip-files'),
        importPack: () =>
          void choose('pack-folder').then(async (paths) => {
            if (!paths[0]) return;
            const reply = await router.call('importPack', { path: paths[0] }, context);
            if (!reply.ok) dialog.showErrorBox('The pack was not imported', reply.error.message);
          }),
        pauseQueue: () => void router.call('pauseQueue', {}, context),
        resumeQueue: () => void router.call('resumeQueue', {}, context),
      }),
    );
    window = createAppWindow();
    window.on('closed', () => (window = null));
  });
}

/**
 * An installed app carries its model packs and ffmpeg as resources beside the archive; a
 * development run uses better-sqlite3 built for Electron by `npm start` (tools/electron-sqlite.ts),
 * leaving the Node build that the CLI and the tests use alone.
 */
function useBundledResources(): void {
  if (app.isPackaged) {
    process.env['SPECULA_BUILTIN_PACKS'] ??= path.join(process.resourcesPath, 'models');
    const exe = process.platform === 'win32' ? '.exe' : '';
    for (const [tool, variable] of [
      ['ffmpeg', 'SPECULA_FFMPEG'],
      ['ffprobe', 'SPECULA_FFPROBE'],
    ] as const) {
      const bundled = path.join(process.resourcesPath, 'ffmpeg', `${tool}${exe}`);
      if (!process.env[variable] && existsSync(bundled)) process.env[variable] = bundled;
    }
    return;
  }
  const electron = process.versions['electron'];
  const binding = electron && path.join(projectRoot(), '.cache', 'electron', electron, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  if (binding && existsSync(binding)) process.env['SPECULA_SQLITE_BINDING'] ??= binding;
}
