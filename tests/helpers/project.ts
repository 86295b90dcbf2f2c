import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import type { PlanarFrame } from '../../src-worker/frames/planar-frame.js';
import { fromRgb24 } from '../../src-worker/frames/planar-frame.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PHOTOS = path.join(ROOT, 'tests', 'fixtures', 'photos');
export const PHOTO_NAMES = ['astronaut', 'chelsea', 'coffee'] as const;
export const BUILT_IN_PACKS = path.join(ROOT, 'resources', 'models');

export function photoPath(name: (typeof PHOTO_NAMES)[number]): string {
  return path.join(PHOTOS, `${name}.png`);
}

const madeDirs: string[] = [];

// Each test file runs in its own process: its folders go when it exits, unless
// SPECULA_KEEP_TEST_DIRS=1 keeps them to look at.
process.on('exit', () => {
  if (process.env['SPECULA_KEEP_TEST_DIRS'] === '1') return;
  for (const dir of madeDirs) rmSync(dir, { recursive: true, force: true, maxRetries: 2 });
});

/** A fresh folder under the system's temporary folder, removed when the test process exits. */
export function tempDir(prefix = 'specula-test-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  madeDirs.push(dir);
  return dir;
}

export function readPng(file: string): PlanarFrame {
  const png = PNG.sync.read(readFileSync(file));
  const rgb = new Uint8Array(png.width * png.height * 3);
  for (let i = 0; i < png.width * png.height; i++) {
    rgb[3 * i] = png.data[4 * i]!;
    rgb[3 * i + 1] = png.data[4 * i + 1]!;
    rgb[3 * i + 2] = png.data[4 * i + 2]!;
  }
  return fromRgb24(rgb, png.width, png.height);
}

export function crop(frame: PlanarFrame, x0: number, y0: number, width: number, height: number): PlanarFrame {
  const out = { width, height, data: new Float32Array(3 * width * height) };
  for (let c = 0; c < 3; c++)
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) out.data[(c * height + y) * width + x] = frame.data[(c * frame.height + y0 + y) * frame.width + x0 + x]!;
  return out;
}

export function psnr(a: Float32Array, b: Float32Array): number {
  let mse = 0;
  for (let i = 0; i < a.length; i++) mse += (a[i]! - b[i]!) ** 2;
  mse /= a.length;
  return mse === 0 ? Number.POSITIVE_INFINITY : 10 * Math.log10((255 * 255) / mse);
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a user would. */
export function runSpecula(args: string[], env: NodeJS.ProcessEnv = process.env): CliRun {
  const run = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'specula.js'), ...args], { env, encoding: 'utf8', cwd: ROOT });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A mistake the user can fix: exit 2 and exactly one line on stderr, no stack trace. */
export function assertUserError(run: CliRun, message: RegExp): void {
  assert.equal(run.status, 2, `exit ${run.status}; stderr: ${run.stderr}`);
  const lines = run.stderr.trim().split('\n').filter((l) => !l.startsWith('(run with --help'));
  assert.equal(lines.length, 1, `expected one line, got:\n${run.stderr}`);
  assert.match(lines[0]!, message);
  assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
}
