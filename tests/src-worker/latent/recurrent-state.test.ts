// Recurrent state (UltraVSR's temporal state): the base hands its state from each temporal window
// to the next, window 2 comes out exactly as the numpy reference computes it with that state, and
// a new clip starts from fresh state.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { clipWindows } from '../../../src-worker/render/clip-start.js';
import type { PlanarFrame } from '../../../src-worker/frames/planar-frame.js';
import type { LatentRunner } from '../../../src-worker/latent/latent-runner.js';
import { writeLatentPack } from '../../../tools/latent-packs/write-latent-pack.js';
import { RECURRENT_PACK } from '../../helpers/latent-packs.js';
import { openWholeFrameRunner, readLatentManifest, runLatentReference } from '../../helpers/latent-reference.js';
import { crop, maxAbsDiff, photoPath, readPng, tempDir } from '../../helpers/project.js';

/** In the decoder's [-1, 1] range, as in latent-sampler.test.ts. */
const TOLERANCE = 1e-4;
const TO_DECODER_RANGE = 2 / 255;

describe('recurrent state', () => {
  let dir: string;
  let runner: LatentRunner;
  let pan: PlanarFrame[];
  before(async () => {
    dir = writeLatentPack(tempDir('specula-recurrent-'), RECURRENT_PACK);
    runner = await openWholeFrameRunner(dir);
    const photo = readPng(photoPath('coffee'));
    pan = Array.from({ length: 6 }, (_, f) => crop(photo, 100 + 6 * f, 120, 24, 16));
  });
  after(() => runner.release());

  const first = (): PlanarFrame[] => pan.slice(0, 4);
  const second = (): PlanarFrame[] => pan.slice(2, 6);

  it('carries the state into window 2 exactly as the reference does', async (t) => {
    await runner.startClip(null, { timestep: null, seed: null });
    await runner.upscaleWindow(first(), 0);
    const carried = await runner.upscaleWindow(second(), 2);
    const reference = runLatentReference(dir, [
      { start: 0, frames: first(), fresh: true },
      { start: 2, frames: second(), fresh: false },
    ]);
    const fresh = runLatentReference(dir, [{ start: 2, frames: second(), fresh: true }]);
    let worst = 0;
    let stateEffect = 0;
    for (let f = 0; f < 4; f++) {
      for (let b = 0; b < 2; b++) {
        worst = Math.max(worst, maxAbsDiff(carried[f]![b]!.data, reference.outputs[1]![f]![b]!) * TO_DECODER_RANGE);
        stateEffect = Math.max(stateEffect, maxAbsDiff(carried[f]![b]!.data, fresh.outputs[0]![f]![b]!));
      }
    }
    t.diagnostic(`window 2 vs reference: ${worst.toExponential(2)} (decoder range); the state moves window 2 by up to ${stateEffect.toFixed(2)} of 255`);
    assert.ok(worst < TOLERANCE, `window 2 differs from the reference by ${worst}`);
    assert.ok(stateEffect > 1, 'the state changes window 2 visibly');
  });

  it('starts fresh at a new clip', async () => {
    await runner.startClip(null, { timestep: null, seed: null });
    const clipA = await runner.upscaleWindow(first(), 0);
    const stale = await runner.upscaleWindow(first(), 0);
    await runner.startClip(null, { timestep: null, seed: null });
    const clipB = await runner.upscaleWindow(first(), 0);
    for (let f = 0; f < 4; f++) {
      assert.deepEqual(clipB[f]![0]!.data, clipA[f]![0]!.data, `frame ${f} of a new clip`);
      assert.ok(maxAbsDiff(stale[f]![0]!.data, clipA[f]![0]!.data) > 1, 'without a new clip the state would carry over');
    }
  });

  it('renders a stateful pack from the first window, even on resume', () => {
    const variant = readLatentManifest(dir).variants[0]!;
    const windows = clipWindows(variant, 20, { t: 4, overlap: 1 }, 12)!;
    assert.equal(windows[0]!.start, 0);
    const image = { ...variant, frames: 1 };
    // An image pack with state goes frame by frame as one-frame windows, also from frame 0.
    assert.deepEqual(clipWindows(image, 5, { t: 33, overlap: 16 }, 3)!.map((w) => [w.start, w.end]), [[0, 1], [1, 2], [2, 3], [3, 4], [4, 5]]);
    assert.equal(clipWindows({ ...image, denoiser_base: { ...image.denoiser_base, state: [] } }, 5, { t: 33, overlap: 16 }, 3), null);
  });
});

describe('temporal latent factor', () => {
  it('encodes two frames per latent frame and mirrors a short window up to a whole one, as the reference does', async (t) => {
    const dir = writeLatentPack(tempDir('specula-temporal-factor-'), { ...RECURRENT_PACK, name: 'temporal-2', temporalFactor: 2 });
    const runner = await openWholeFrameRunner(dir);
    try {
      const photo = readPng(photoPath('coffee'));
      const frames = Array.from({ length: 5 }, (_, f) => crop(photo, 100 + 6 * f, 120, 24, 16));
      await runner.startClip(null, { timestep: null, seed: null });
      const whole = await runner.upscaleWindow(frames.slice(0, 4), 0);
      // Three frames: mirrored to four (frames 0, 1, 2, 1), the fourth output dropped.
      const short = await runner.upscaleWindow(frames.slice(2, 5), 2);
      assert.equal(short.length, 3);
      const reference = runLatentReference(dir, [
        { start: 0, frames: frames.slice(0, 4), fresh: true },
        { start: 2, frames: frames.slice(2, 5), fresh: false },
      ]);
      let worst = 0;
      for (const [w, out] of [whole, short].entries()) {
        for (const [f, branches] of out.entries()) for (const [b, branch] of branches.entries()) worst = Math.max(worst, maxAbsDiff(branch.data, reference.outputs[w]![f]![b]!) * TO_DECODER_RANGE);
      }
      t.diagnostic(`temporal factor 2 vs reference: ${worst.toExponential(2)} (decoder range)`);
      assert.ok(worst < TOLERANCE, `differs from the reference by ${worst}`);
    } finally {
      await runner.release();
    }
  });
});
