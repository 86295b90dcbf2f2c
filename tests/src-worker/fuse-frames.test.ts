import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { FusionSettings } from '../../src-shared/fusion/fusion-settings.js';
import type { PlanarFrame } from '../../src-worker/frames/planar-frame.js';
import { fuseFrames } from '../../src-worker/fusion/fuse-frames.js';
import { fuseFramesParallel } from '../../src-worker/helpers/helper-threads.js';
import { crop, maxAbsDiff, photoPath, readPng, ROOT } from '../helpers/project.js';

const DEFAULTS: FusionSettings = { alpha: 0.6, fc: 0.25, order: 4, border: 16, mask: 'butterworth' };
/** Debian's python3 has numpy; a python3 earlier on PATH may not. */
const PYTHON = process.env['SPECULA_TEST_PYTHON'] ?? '/usr/bin/python3';

function mapFrame(frame: PlanarFrame, f: (v: number, c: number, x: number, y: number) => number): PlanarFrame {
  const out = { ...frame, data: new Float32Array(frame.data.length) };
  for (let c = 0; c < 3; c++)
    for (let y = 0; y < frame.height; y++)
      for (let x = 0; x < frame.width; x++) {
        const i = (c * frame.height + y) * frame.width + x;
        out.data[i] = f(frame.data[i]!, c, x, y);
      }
  return out;
}

function randomFrame(width: number, height: number, seed: number): PlanarFrame {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 255;
  return { width, height, data: Float32Array.from({ length: 3 * width * height }, next) };
}

function numpyFuse(base: PlanarFrame, draft: PlanarFrame, settings: FusionSettings): Float64Array {
  const header = JSON.stringify({ width: base.width, height: base.height, ...settings });
  const input = Buffer.concat([Buffer.from(`${header}\n`), Buffer.from(base.data.buffer), Buffer.from(draft.data.buffer)]);
  const run = spawnSync(PYTHON, [path.join(ROOT, 'tests', 'reference', 'fusion_reference.py')], { input, maxBuffer: 1 << 30 });
  assert.equal(run.status, 0, `numpy reference failed: ${run.stderr}`);
  const out = run.stdout;
  return new Float64Array(out.buffer, out.byteOffset, out.byteLength / 8);
}

describe('frequency-domain fusion', () => {
  const photo = crop(readPng(photoPath('chelsea')), 40, 30, 200, 150);

  it('gives the base exactly when alpha is 0', () => {
    const draft = mapFrame(photo, (v, c, x) => v + 40 * Math.sin(x + c));
    const fused = fuseFrames(photo, draft, { ...DEFAULTS, alpha: 0 });
    assert.deepEqual(fused.data, photo.data);
  });

  it('keeps the base where the draft differs only in low frequencies', () => {
    // A smooth shading change (0.03 of Nyquist, far below fc 0.25) in the draft must not come through.
    const draft = mapFrame(photo, (v, c, x, y) => v + 30 * Math.sin((Math.PI * 0.03 * (x + 2 * y)) / 2 + c));
    const fused = fuseFrames(photo, draft, { ...DEFAULTS, alpha: 1 });
    // Reflect padding bends the pattern's slope at the frame edge, and that kink has high
    // frequencies: a little leaks in the outermost pixels (documented in docs/model-packs.md).
    const interior = (f: PlanarFrame) => crop(f, 8, 8, f.width - 16, f.height - 16).data;
    assert.ok(maxAbsDiff(interior(fused), interior(photo)) < 0.25, `low frequencies leaked: ${maxAbsDiff(interior(fused), interior(photo))}`);
    assert.ok(maxAbsDiff(fused.data, photo.data) < 0.15 * 30, `edge leak above 15% of the pattern: ${maxAbsDiff(fused.data, photo.data)}`);
  });

  it("takes alpha times the draft's high-frequency detail", () => {
    // A pattern at 0.9 of Nyquist is well above fc 0.25: it passes with weight alpha.
    const detail = (x: number, y: number) => 20 * Math.cos(Math.PI * 0.9 * x) * Math.cos(Math.PI * 0.9 * y);
    const draft = mapFrame(photo, (v, _c, x, y) => v + detail(x, y));
    const fused = fuseFrames(photo, draft, DEFAULTS);
    const expected = mapFrame(photo, (v, _c, x, y) => v + DEFAULTS.alpha * detail(x, y));
    assert.ok(maxAbsDiff(fused.data, expected.data) < 0.5, `high-frequency detail off by ${maxAbsDiff(fused.data, expected.data)}`);
  });

  for (const [mask, width, height, border] of [
    ['butterworth', 97, 61, 16],
    ['gaussian', 64, 48, 0],
    ['butterworth', 50, 33, 40],
  ] as const) {
    it(`matches numpy's FFT on random ${width}x${height} images (${mask}, border ${border})`, () => {
      const base = randomFrame(width, height, 7);
      const draft = randomFrame(width, height, 11);
      const settings = { alpha: 0.7, fc: 0.3, order: 3, border, mask };
      const fused = fuseFrames(base, draft, settings);
      const reference = numpyFuse(base, draft, settings);
      assert.ok(maxAbsDiff(fused.data, reference) < 1e-4, `max difference from numpy: ${maxAbsDiff(fused.data, reference)}`);
    });
  }

  it('gives the same frame on two threads as on one', async () => {
    const base = randomFrame(97, 61, 3);
    const draft = randomFrame(97, 61, 5);
    const parallel = await fuseFramesParallel(base, draft, DEFAULTS);
    assert.equal(maxAbsDiff(parallel.data, fuseFrames(base, draft, DEFAULTS).data), 0);
  });
});
