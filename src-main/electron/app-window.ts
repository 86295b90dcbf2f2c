// The one window: sandboxed, isolated, no Node in the page, the preload's `window.specula` only,
// and no way to navigate away from the app or open other windows.
import { BrowserWindow, shell } from 'electron';
import { fileURLToPath } from 'node:url';
import { APP_ORIGIN, isAppPage } from './app-protocol.js';

const PRELOAD = fileURLToPath(new URL('../../electron/preload.cjs', import.meta.url));

export function createAppWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 960,
    minHeight: 640,
    title: 'Specula',
    backgroundColor: '#121316',
    show: false,
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  // Links to the web open in the browser; the window itself never leaves the app.
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (!isAppPage(url)) event.preventDefault();
  });
  window.webContents.session.setPermissionRequestHandler((_contents, permission, callback) => callback(permission === 'notifications'));
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}
