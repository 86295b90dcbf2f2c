// DRS through a pack's estimator: its d picks the start timestep the scheduler's formula gives
// (and the numpy reference agrees), the draft steps follow, and --timestep overrides both.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createFrame, type PlanarFrame } from '../../../src-worker/frames/planar-frame.js';
import type { LatentRunner } from '../../../src-worker/latent/latent-runner.js';
import { writeLatentPack } from '../../../tools/latent-packs/write-latent-pack.js';
import { openWholeFrameRunner, runLatentReference } from '../../helpers/latent-reference.js';
import { tempDir } from '../../helpers/project.js';

/** The test estimator returns the frame's mean in [0, 1]: a flat frame of value v gives d = v / 255. */
function flat(value: number): PlanarFrame {
  const frame = createFrame(16, 16);
  frame.data.fill(value);
  return frame;
}

describe('degradation-aware start timestep (DRS)', () => {
  let packs: string;
  before(() => (packs = tempDir('specula-drs-')));

  describe('flow matching, shift 1', () => {
    let runner: LatentRunner;
    let dir: string;
    before(async () => {
      dir = writeLatentPack(packs, { name: 'drs-flow', estimator: true, scheduler: { type: 'flow_matching', shift: 1, timestep_base: 699, timestep_draft_list: [599, 499, 399] } });
      runner = await openWholeFrameRunner(dir);
    });
    after(() => runner.release());

    // 1 - sigma_t = d and sigma_t = t / 1000: t = 1000 (1 - d).
    for (const [d, t] of [[0.3, 700], [0.8, 200], [0.05, 950], [1, 0]] as const) {
      it(`d = ${d} starts at timestep ${t}`, async () => {
        const start = await runner.startClip(flat(d * 255), { timestep: null, seed: null });
        assert.ok(Math.abs(start.degradation! - d) < 1e-6, `estimate ${start.degradation}`);
        assert.equal(start.timestep, t);
        assert.deepEqual(start.draftTimesteps, [599, 499, 399].map((k) => Math.round((k * t) / 699)));
        const reference = runLatentReference(dir, [{ start: 0, frames: [flat(d * 255)], fresh: true }]);
        assert.deepEqual([reference.timestep, reference.drafts], [start.timestep, start.draftTimesteps]);
      });
    }

    it('takes the per-clip override over the estimate', async () => {
      const start = await runner.startClip(flat(0.3 * 255), { timestep: 123, seed: null });
      assert.deepEqual([start.timestep, start.degradation, start.draftTimesteps], [123, null, [105, 88, 70]]);
    });

    it('samples differently from a different start timestep', async () => {
      const frame = flat(0.3 * 255);
      await runner.startClip(frame, { timestep: null, seed: null });
      const estimated = await runner.upscaleFrame(frame, 0);
      await runner.startClip(frame, { timestep: 100, seed: null });
      const overridden = await runner.upscaleFrame(frame, 0);
      assert.notDeepEqual(estimated[0]!.data, overridden[0]!.data);
    });
  });

  it('DDPM: the timestep whose sqrt(alpha-bar) is nearest d, as the numpy reference finds it', async () => {
    const dir = writeLatentPack(packs, { name: 'drs-ddpm', estimator: true, scheduler: { type: 'ddpm', prediction: 'epsilon', beta_schedule: 'scaled_linear', timestep_base: 699, timestep_draft_list: [599] } });
    const runner = await openWholeFrameRunner(dir);
    try {
      const seen: number[] = [];
      for (const value of [20, 90, 160, 240]) {
        const start = await runner.startClip(flat(value), { timestep: null, seed: null });
        const reference = runLatentReference(dir, [{ start: 0, frames: [flat(value)], fresh: true }]);
        assert.equal(start.timestep, reference.timestep, `grey ${value}`);
        seen.push(start.timestep);
      }
      // Brighter (here: less degraded) frames start from less noise.
      assert.deepEqual([...seen].sort((a, b) => b - a), seen);
      assert.equal(new Set(seen).size, seen.length);
    } finally {
      await runner.release();
    }
  });
});
