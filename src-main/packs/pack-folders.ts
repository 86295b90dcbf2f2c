import { builtInPacksDir, defaultUserPacksDir } from '../app-paths.js';
import type { PackFolder } from './pack-catalog.js';

/** Built-in packs first, then the user's folder: --packs, else SPECULA_PACKS, else the default. */
export function packFolders(userDir: string | undefined, env: NodeJS.ProcessEnv = process.env): PackFolder[] {
  return [
    { dir: builtInPacksDir(), origin: 'built-in' },
    { dir: userDir ?? env['SPECULA_PACKS'] ?? defaultUserPacksDir(), origin: 'user' },
  ];
}
