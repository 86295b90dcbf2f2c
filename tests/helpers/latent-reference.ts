// Runs tests/reference/latent_reference.py (numpy, through Debian's python3) over whole frames,
// window after window, and the same frames through Specula's LatentRunner as one tile per frame.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PackManifestSchema, type LatentPackManifest } from '../../src-shared/packs/pack-manifest.js';
import type { PlanarFrame } from '../../src-worker/frames/planar-frame.js';
import { LatentRunner } from '../../src-worker/latent/latent-runner.js';
import { openLatentSessions } from '../../src-worker/latent/latent-sessions.js';
import { ROOT } from './project.js';

/** Debian's python3 has numpy; a python3 earlier on PATH may not. */
export const PYTHON = process.env['SPECULA_TEST_PYTHON'] ?? '/usr/bin/python3';

export interface ReferenceWindow {
  start: number;
  frames: PlanarFrame[];
  /** A new clip starts here: the recurrent state is fresh. */
  fresh: boolean;
}

export interface ReferenceResult {
  timestep: number;
  drafts: number[];
  degradation: number | null;
  seed: number;
  /** [window][frame][branch], planes at 0-255. */
  outputs: Float64Array[][][];
}

export function readLatentManifest(packDir: string): LatentPackManifest {
  const manifest = PackManifestSchema.parse(JSON.parse(readFileSync(path.join(packDir, 'pack.json'), 'utf8')));
  assert.equal(manifest.kind, 'latent');
  return manifest as LatentPackManifest;
}

export function runLatentReference(packDir: string, windows: ReferenceWindow[], settings: { timestep: number | null; seed: number | null } = { timestep: null, seed: null }): ReferenceResult {
  const { width, height } = windows[0]!.frames[0]!;
  const header = JSON.stringify({ pack: packDir, width, height, ...settings, windows: windows.map((w) => ({ start: w.start, frames: w.frames.length, fresh: w.fresh })) });
  const frames = windows.flatMap((w) => w.frames.map((f) => Buffer.from(f.data.buffer, f.data.byteOffset, f.data.byteLength)));
  const run = spawnSync(PYTHON, [path.join(ROOT, 'tests', 'reference', 'latent_reference.py')], { input: Buffer.concat([Buffer.from(`${header}\n`), ...frames]), maxBuffer: 1 << 30 });
  assert.equal(run.status, 0, `numpy reference failed: ${run.stderr}`);
  const newline = run.stdout.indexOf(10);
  const info = JSON.parse(run.stdout.subarray(0, newline).toString()) as Omit<ReferenceResult, 'outputs'>;
  const body = run.stdout.subarray(newline + 1);
  const values = new Float64Array(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength));
  const scale = readLatentManifest(packDir).variants[0]!.scale;
  const plane = 3 * width * scale * height * scale;
  let offset = 0;
  const outputs = windows.map((w) =>
    w.frames.map(() =>
      Array.from({ length: 1 + info.drafts.length }, () => {
        offset += plane;
        return values.subarray(offset - plane, offset);
      }),
    ),
  );
  assert.equal(offset, values.length, 'the reference wrote as many values as expected');
  return { ...info, outputs };
}

/** The pack's first variant on CPU, one tile covering frames up to `side` pixels, no context. */
export async function openWholeFrameRunner(packDir: string, side = 256): Promise<LatentRunner> {
  const manifest = readLatentManifest(packDir);
  const variant = manifest.variants[0]!;
  const sessions = await openLatentSessions(packDir, variant, { device: 'cpu', threads: 1 }, () => undefined);
  return new LatentRunner(variant, manifest.layout, sessions, { tile: side, overlap: 0, context: 0, multiple: manifest.tile.multiple });
}
