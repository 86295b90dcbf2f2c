// Where the benchmarks find the project and the programs they call, from bench/ or dist/bench/.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export const ROOT = path.resolve(here, here.includes(`${path.sep}dist${path.sep}`) ? '../..' : '..');
export const FFMPEG = process.env['SPECULA_FFMPEG'] ?? 'ffmpeg';
export const FFPROBE = process.env['SPECULA_FFPROBE'] ?? 'ffprobe';
/** Debian's python3 has numpy; a python3 earlier on PATH may not. */
export const PYTHON = process.env['SPECULA_BENCH_PYTHON'] ?? '/usr/bin/python3';

export function photoPath(name: 'astronaut' | 'chelsea' | 'coffee'): string {
  return path.join(ROOT, 'tests', 'fixtures', 'photos', `${name}.png`);
}
