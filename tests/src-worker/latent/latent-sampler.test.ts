// The sampler against the independent numpy reference, for flow matching (with cfg) and DDPM
// epsilon and v-prediction, each branch (base, base+draft_k); and seeded runs repeat exactly.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { PlanarFrame } from '../../../src-worker/frames/planar-frame.js';
import type { LatentRunner } from '../../../src-worker/latent/latent-runner.js';
import { writeLatentPack, type LatentPackOptions } from '../../../tools/latent-packs/write-latent-pack.js';
import { openWholeFrameRunner, runLatentReference } from '../../helpers/latent-reference.js';
import { crop, maxAbsDiff, photoPath, readPng, tempDir } from '../../helpers/project.js';

/**
 * In the decoder's value range ([-1, 1] for these packs), the sampler's own output before the
 * host turns it into 0-255 pixels. On the 0-255 scale the errors are 127.5 times larger: up to
 * about 1.4e-4 for epsilon prediction, whose x0 = (x - sqrt(1 - alpha-bar) * eps) / sqrt(alpha-bar)
 * magnifies onnxruntime's float32 rounding (the reference computes in float64).
 */
const TOLERANCE = 1e-4;
const TO_DECODER_RANGE = 2 / 255;

const PACKS: LatentPackOptions[] = [
  // FastVSR's shape: raw LR in, f8 encoder, f16 decoder (x2); Wan2.1's flow matching with shift; cfg.
  { name: 'flow-cfg', encoderFactor: 8, decoderFactor: 16, scheduler: { type: 'flow_matching', shift: 3, timestep_base: 699, timestep_draft_list: [599, 499, 399], cfg_scale: 2, seed: 11 } },
  // PS-SR's shape: bicubic x2 before an f8 encoder, f8 decoder (x2); DDPM epsilon, scaled-linear betas.
  { name: 'ddpm-eps', upsample: 2, encoderFactor: 8, decoderFactor: 8, scheduler: { type: 'ddpm', prediction: 'epsilon', beta_schedule: 'scaled_linear', timestep_base: 699, timestep_draft_list: [599, 499, 399] } },
  // x4 through bicubic x4 and f8/f8; v-prediction, cosine betas, cfg, an int64 timestep input.
  {
    name: 'ddpm-v',
    upsample: 4,
    encoderFactor: 8,
    decoderFactor: 8,
    timestepDtype: 'int64',
    scheduler: { type: 'ddpm', prediction: 'v_prediction', beta_schedule: 'squaredcos_cap_v2', timestep_base: 500, timestep_draft_list: [400, 250], cfg_scale: 1.5, seed: 7 },
  },
  // v-prediction with linear betas and no conditioning at all.
  { name: 'ddpm-v-linear', conditioning: false, encoderFactor: 8, decoderFactor: 16, scheduler: { type: 'ddpm', prediction: 'v_prediction', beta_schedule: 'linear', beta_start: 0.0001, beta_end: 0.02, timestep_base: 800, timestep_draft_list: [600] } },
];

describe('latent sampler', () => {
  let frame: PlanarFrame;
  let packs: string;
  before(() => {
    frame = crop(readPng(photoPath('chelsea')), 200, 100, 32, 24);
    packs = tempDir('specula-latent-sampler-');
  });

  for (const options of PACKS) {
    describe(options.name, () => {
      let dir: string;
      let runner: LatentRunner;
      before(async () => {
        dir = writeLatentPack(packs, options);
        runner = await openWholeFrameRunner(dir);
      });
      after(() => runner.release());

      it('matches the numpy reference in every branch', async (t) => {
        const start = await runner.startClip(null, { timestep: null, seed: null });
        // Frame 5 of a clip: the noise is drawn at that frame's place.
        const branches = await runner.upscaleFrame(frame, 5);
        const reference = runLatentReference(dir, [{ start: 5, frames: [frame], fresh: true }]);
        assert.deepEqual([start.timestep, start.draftTimesteps, start.seed], [reference.timestep, reference.drafts, reference.seed]);
        assert.equal(branches.length, 1 + (options.scheduler['timestep_draft_list'] as number[]).length);
        const errors = branches.map((b, k) => maxAbsDiff(b.data, reference.outputs[0]![0]![k]!) * TO_DECODER_RANGE);
        t.diagnostic(`${options.name}: max abs error per branch, decoder range [-1, 1]: ${errors.map((e) => e.toExponential(2)).join(', ')}; on 0-255: ${errors.map((e) => (e / TO_DECODER_RANGE).toExponential(2)).join(', ')}`);
        for (const [k, error] of errors.entries()) assert.ok(error < TOLERANCE, `branch ${k === 0 ? 'base' : `base+draft_${k}`}: ${error}`);
        // The branches really differ: each draft step changes the picture.
        for (let k = 1; k < branches.length; k++) assert.ok(maxAbsDiff(branches[k]!.data, branches[k - 1]!.data) > 0.01);
      });

      it('repeats exactly with the same seed, and changes with another', async () => {
        await runner.startClip(null, { timestep: null, seed: null });
        const first = await runner.upscaleFrame(frame, 5);
        const again = await runner.upscaleFrame(frame, 5);
        for (const [k, b] of first.entries()) assert.deepEqual(again[k]!.data, b.data);
        await runner.startClip(null, { timestep: null, seed: 12345 });
        const reseeded = await runner.upscaleFrame(frame, 5);
        assert.ok(maxAbsDiff(reseeded[0]!.data, first[0]!.data) > 0.01, 'another seed gives other noise');
      });
    });
  }

  it('draws the noise of a source frame, whatever the call or the trim', async () => {
    const dir = path.join(packs, 'flow-cfg');
    const runner = await openWholeFrameRunner(dir);
    try {
      await runner.startClip(null, { timestep: null, seed: null });
      const at5 = await runner.upscaleFrame(frame, 5);
      const at6 = await runner.upscaleFrame(frame, 6);
      assert.ok(maxAbsDiff(at5[0]!.data, at6[0]!.data) > 0.01, 'frames 5 and 6 draw different noise');
      // A render trimmed to start at source frame 3 counts its frames from there.
      await runner.startClip(null, { timestep: null, seed: null }, 3);
      const trimmed = await runner.upscaleFrame(frame, 2);
      assert.deepEqual(trimmed[0]!.data, at5[0]!.data);
    } finally {
      await runner.release();
    }
  });
});
