// The application menu: the frequent actions (each through the same API the page uses, so the
// page updates from the events), the usual edit and window menus, and developer tools only in a
// development build.
import { app, Menu, type MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  addFolder(): void;
  addFiles(): void;
  importPack(): void;
  pauseQueue(): void;
  resumeQueue(): void;
}

export function appMenu(actions: MenuActions): Menu {
  const mac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(mac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Add Folder…', accelerator: 'CmdOrCtrl+O', click: actions.addFolder },
        { label: 'Add Files…', accelerator: 'CmdOrCtrl+Shift+O', click: actions.addFiles },
        { type: 'separator' },
        { label: 'Import Pack Folder…', click: actions.importPack },
        ...(mac ? [] : [{ type: 'separator' } as MenuItemConstructorOptions, { role: 'quit' } as MenuItemConstructorOptions]),
      ],
    },
    { role: 'editMenu' },
    {
      label: '&Render',
      submenu: [
        { label: 'Pause the Queue', click: actions.pauseQueue },
        { label: 'Resume the Queue', click: actions.resumeQueue },
      ],
    },
    {
      label: '&View',
      submenu: [
        ...(app.isPackaged ? [] : [{ role: 'reload' } as MenuItemConstructorOptions, { role: 'toggleDevTools' } as MenuItemConstructorOptions, { type: 'separator' } as MenuItemConstructorOptions]),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}
