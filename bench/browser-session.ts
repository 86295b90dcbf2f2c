// The built interface driven as a user would: a real `specula serve` on a library in a folder of
// the caller's (any free port, --json for the address and token, --allow that folder) and Debian's
// Chromium through playwright-core, headless, with a fresh profile. The end-to-end tests and the
// re-fusion benchmark both start here.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ROOT } from './project-paths.js';

export interface BrowserSession {
  /** The page's address, with the token. */
  url: string;
  port: number;
  token: string;
  library: string;
  page: Page;
  context: BrowserContext;
  /** What the page logged as errors (console errors, uncaught exceptions). */
  pageErrors: string[];
  close(): Promise<void>;
}

export interface SessionOptions {
  /** Holds the library; the only folder the page may name. */
  dir: string;
  /** The user packs folder (default: dir/user-packs). */
  packs?: string;
  viewport?: { width: number; height: number };
}

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function chromiumPath(): string {
  const candidate = process.env['SPECULA_CHROMIUM'] ?? '/usr/bin/chromium';
  if (!existsSync(candidate)) throw new Error(`Chromium is not at ${candidate}: install it (Debian/Ubuntu: sudo apt-get install chromium) or set SPECULA_CHROMIUM.`);
  return candidate;
}

export async function openBrowserSession(options: SessionOptions): Promise<BrowserSession> {
  if (!existsSync(path.join(ROOT, 'dist', 'renderer', 'index.html'))) throw new Error('The interface is not built: run `npm run build` first.');
  const library = path.join(options.dir, 'library.specula');
  const server = spawn(process.execPath, [path.join(ROOT, 'bin', 'specula.js'), 'serve', '--library', library, '--port', '0', '--json', '--allow', options.dir, '--packs', options.packs ?? path.join(options.dir, 'user-packs')], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  server.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const address = await new Promise<{ url: string; port: number; token: string }>((resolve, reject) => {
    server.stdout!.once('data', (chunk: Buffer) => resolve(JSON.parse(chunk.toString().split('\n')[0]!) as { url: string; port: number; token: string }));
    server.once('exit', (code) => reject(new Error(`specula serve exited with ${code}: ${stderr}`)));
  });
  const profile = mkdtempSync(path.join(os.tmpdir(), 'specula-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS, viewport: options.viewport ?? { width: 1400, height: 860 } });
  } catch (error) {
    await stop(server);
    throw error;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  page.on('console', (message) => message.type() === 'error' && pageErrors.push(`${message.text()} (${message.location().url})`));
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return {
    ...address,
    library,
    page,
    context,
    pageErrors,
    close: async () => {
      await context.close().catch(() => undefined);
      await stop(server);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Ctrl-C, as a user stops it: running renders go back to the queue and the library closes. */
function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    server.once('exit', () => resolve());
    server.kill('SIGINT');
  });
}
