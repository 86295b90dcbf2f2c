// A stand-in for the `electron` module, so the app's compiled main process
// (dist/src-main/electron/main.js) runs in Node: it records what the main process asks of Electron
// and lets a test act as Electron and the user would (app ready, a dialog's answer, a drop, a menu
// click, quitting). Utility processes are real: Node child processes running the real worker,
// which speaks the same messages (src-worker/host-port.ts).
import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';

type Listener = (...args: unknown[]) => unknown;

export const harness = {
  schemes: [] as unknown[],
  protocolHandlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
  windows: [] as FakeWindow[],
  ipcHandlers: new Map<string, Listener>(),
  ipcListeners: new Map<string, Listener>(),
  /** What the next native dialog answers. */
  nextDialog: { canceled: true, filePaths: [] as string[] },
  dialogs: [] as unknown[],
  errorBoxes: [] as string[],
  menu: null as { template: MenuItem[] } | null,
  /** Messages sent to the app's pages (the event channel). */
  sentToPages: [] as unknown[][],
  quitted: false,
  exitCode: null as number | null,
};

interface MenuItem {
  label?: string;
  role?: string;
  accelerator?: string;
  click?: () => void;
  submenu?: MenuItem[];
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  private readyNow!: () => void;
  private readonly ready = new Promise<void>((resolve) => (this.readyNow = resolve));

  requestSingleInstanceLock(): boolean {
    return true;
  }

  whenReady(): Promise<void> {
    return this.ready;
  }

  /** The test says when Electron is ready. */
  becomeReady(): void {
    this.readyNow();
  }

  quit(): void {
    const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
    this.emit('before-quit', event);
    if (!event.defaultPrevented) harness.quitted = true;
  }

  exit(code = 0): void {
    harness.exitCode = code;
  }
}

export const app = new FakeApp();

export const protocol = {
  registerSchemesAsPrivileged: (schemes: unknown[]) => harness.schemes.push(...schemes),
  handle: (scheme: string, handler: (request: Request) => Response | Promise<Response>) => harness.protocolHandlers.set(scheme, handler),
};

class FakeWindow extends EventEmitter {
  url: string | null = null;
  focused = 0;
  readonly webContents = {
    openHandler: null as Listener | null,
    navigationGuard: null as Listener | null,
    setWindowOpenHandler: (handler: Listener) => (this.webContents.openHandler = handler),
    on: (event: string, listener: Listener) => event === 'will-navigate' && (this.webContents.navigationGuard = listener),
    session: { setPermissionRequestHandler: () => undefined },
  };

  constructor(readonly options: Record<string, unknown>) {
    super();
    harness.windows.push(this);
  }

  loadURL(url: string): Promise<void> {
    this.url = url;
    return Promise.resolve();
  }

  show(): void {}
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  focus(): void {
    this.focused++;
  }
}

export const BrowserWindow = FakeWindow;

export const dialog = {
  showOpenDialog: async (...args: unknown[]) => {
    harness.dialogs.push(args[args.length - 1]);
    return harness.nextDialog;
  },
  showErrorBox: (title: string, content: string) => harness.errorBoxes.push(`${title}: ${content}`),
};

export const Menu = {
  buildFromTemplate: (template: MenuItem[]) => ({ template }),
  setApplicationMenu: (menu: { template: MenuItem[] }) => (harness.menu = menu),
};

export const ipcMain = {
  handle: (channel: string, handler: Listener) => harness.ipcHandlers.set(channel, handler),
  removeHandler: (channel: string) => harness.ipcHandlers.delete(channel),
  on: (channel: string, listener: Listener) => harness.ipcListeners.set(channel, listener),
  off: (channel: string) => harness.ipcListeners.delete(channel),
};

/** One page of the app's, receiving what the main process sends. */
export const webContents = {
  getAllWebContents: () => [{ isDestroyed: () => false, getURL: () => 'specula://app/index.html', send: (...args: unknown[]) => harness.sentToPages.push(args) }],
};

export const shell = { openExternal: async () => undefined };

export const utilityProcess = {
  fork(script: string, args: string[]) {
    const child = fork(script, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
    return {
      postMessage: (message: unknown) => child.connected && child.send(message as object),
      on(event: 'message' | 'exit', listener: Listener) {
        child.on(event, (value: unknown) => listener(value));
        return this;
      },
      kill: () => child.kill(),
    };
  },
};

export default { app, protocol, BrowserWindow, dialog, Menu, ipcMain, webContents, shell, utilityProcess };
