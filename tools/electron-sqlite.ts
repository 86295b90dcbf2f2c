// Run by `npm start`: Electron is its own Node with its own ABI, so the desktop app needs a
// better-sqlite3 built for it. It is built once per Electron version into
// .cache/electron/<version>/ — beside, never instead of, the Node build that the CLI and the tests
// load — with npm's documented settings for Electron (prebuilt binary when one can be downloaded,
// else compiled against Electron's headers). Needs a network that reaches Electron's servers.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = existsSync(path.join(here, '..', 'package.json')) ? path.resolve(here, '..') : path.resolve(here, '..', '..');
const electron = (JSON.parse(readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
const folder = path.join(root, '.cache', 'electron', electron);
const binary = path.join(folder, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

if (existsSync(binary)) process.exit(0);
console.error(`building better-sqlite3 for Electron ${electron} into ${path.relative(root, folder)} (once per Electron version)`);
mkdirSync(folder, { recursive: true });
writeFileSync(path.join(folder, 'package.json'), `${JSON.stringify({ name: 'specula-electron-native', private: true }, null, 2)}\n`);
const source = path.join(root, 'node_modules', 'better-sqlite3');
cpSync(source, path.join(folder, 'node_modules', 'better-sqlite3'), { recursive: true, filter: (file) => path.relative(source, file).split(path.sep)[0] !== 'build' });
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = spawnSync(npm, ['rebuild', 'better-sqlite3', '--foreground-scripts'], {
  cwd: folder,
  stdio: 'inherit',
  shell: process.platform === 'win32',
  env: { ...process.env, npm_config_runtime: 'electron', npm_config_target: electron, npm_config_disturl: 'https://electronjs.org/headers', npm_config_build_from_source: 'true' },
});
if (run.status !== 0 || !existsSync(binary)) {
  console.error('better-sqlite3 could not be built for Electron: this needs python3, make, a C++ compiler and access to https://electronjs.org/headers.');
  process.exit(1);
}
