import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding Specula's package.json, whether running from source or from dist/. */
export function projectRoot(): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'specula') return dir;
    if (path.dirname(dir) === dir) throw new Error('Specula cannot find its own install folder.');
  }
}

/** The packs Specula ships: resources/models, or where an installed app keeps them (SPECULA_BUILTIN_PACKS). */
export function builtInPacksDir(): string {
  return process.env['SPECULA_BUILTIN_PACKS'] || path.join(projectRoot(), 'resources', 'models');
}

function dataDir(): string {
  const dataHome = process.env['XDG_DATA_HOME'] || path.join(os.homedir(), '.local', 'share');
  return path.join(dataHome, 'specula');
}

/** Where the user's own packs live unless --packs or SPECULA_PACKS says otherwise. */
export function defaultUserPacksDir(): string {
  return path.join(dataDir(), 'packs');
}

/** The library the app and `specula serve` open unless told otherwise. */
export function defaultLibraryFile(): string {
  return path.join(dataDir(), 'library.specula');
}
