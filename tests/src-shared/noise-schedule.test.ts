// The schedulers' arithmetic against closed forms, and DRS's start timestep.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SchedulerSchema, type Scheduler } from '../../src-shared/packs/pack-manifest.js';
import { alphasCumprod, degradationTimestep, draftTimesteps, modelTimestep, noiseLevels, splitPrediction } from '../../src-shared/sampler/noise-schedule.js';

const flow = (shift: number): Scheduler => SchedulerSchema.parse({ type: 'flow_matching', shift, timestep_base: 699, timestep_draft_list: [599, 499, 399] });
const ddpm = (prediction: 'epsilon' | 'v_prediction', beta_schedule: string): Scheduler => SchedulerSchema.parse({ type: 'ddpm', prediction, beta_schedule, timestep_base: 699, timestep_draft_list: [599, 499, 399] });

describe('noise schedule', () => {
  it("follows Wan2.1's shifted flow matching", () => {
    const s = flow(3);
    const levels = noiseLevels(s);
    // s = t / N = 0.25, sigma = 3 * 0.25 / (1 + 2 * 0.25) = 0.5.
    assert.ok(Math.abs(levels[250]!.noise - 0.5) < 1e-12);
    assert.ok(Math.abs(levels[250]!.signal - 0.5) < 1e-12);
    assert.ok(Math.abs(modelTimestep(s, 250) - 500) < 1e-9);
    assert.equal(modelTimestep(flow(1), 699), 699);
  });

  it('gives the diffusers alpha-bar for each beta schedule', () => {
    const linear = alphasCumprod(SchedulerSchema.parse({ type: 'ddpm', prediction: 'epsilon', beta_schedule: 'linear', beta_start: 0.0001, beta_end: 0.02, timestep_base: 1 }) as Extract<Scheduler, { type: 'ddpm' }>);
    assert.ok(Math.abs(linear[0]! - 0.9999) < 1e-12);
    assert.ok(Math.abs(linear[1]! - 0.9999 * (1 - (0.0001 + 0.0199 / 999))) < 1e-12);
    const scaled = alphasCumprod(ddpm('epsilon', 'scaled_linear') as Extract<Scheduler, { type: 'ddpm' }>);
    assert.ok(Math.abs(scaled[999]! - scaled[998]! * (1 - 0.012)) < 1e-15);
    const cosine = alphasCumprod(ddpm('epsilon', 'squaredcos_cap_v2') as Extract<Scheduler, { type: 'ddpm' }>);
    // Without the 0.999 cap, alpha-bar_t = f((t + 1) / N) / f(0).
    const f = (t: number): number => Math.cos(((t + 0.008) / 1.008) * (Math.PI / 2)) ** 2;
    assert.ok(Math.abs(cosine[499]! - f(0.5) / f(0)) < 1e-12);
  });

  it('splits every kind of prediction back into the clean latent and the noise', () => {
    const x0 = 0.7;
    const eps = -1.3;
    for (const s of [flow(3), ddpm('epsilon', 'scaled_linear'), ddpm('v_prediction', 'linear')]) {
      const level = noiseLevels(s)[432]!;
      const x = level.signal * x0 + level.noise * eps;
      const prediction = s.type === 'flow_matching' ? eps - x0 : s.prediction === 'epsilon' ? eps : level.signal * eps - level.noise * x0;
      const split = splitPrediction(s, level);
      assert.ok(Math.abs(split.x0x * x + split.x0p * prediction - x0) < 1e-12, `${s.type} x0`);
      assert.ok(Math.abs(split.ex * x + split.ep * prediction - eps) < 1e-12, `${s.type} eps`);
    }
  });

  it('picks the DRS timestep whose signal coefficient is nearest the degradation estimate', () => {
    // Flow matching: 1 - sigma_t = d; with shift 1, t = N (1 - d).
    assert.equal(degradationTimestep(flow(1), 0.3), 700);
    assert.equal(degradationTimestep(flow(1), 0.9), 100);
    assert.equal(degradationTimestep(flow(1), 1), 0);
    assert.equal(degradationTimestep(flow(1), 0), 999);
    // Shift 3: sigma = 0.5 at s = 0.25.
    assert.equal(degradationTimestep(flow(3), 0.5), 250);
    // DDPM: sqrt(alpha-bar_t) nearest d, by brute force over every t.
    for (const s of [ddpm('epsilon', 'scaled_linear'), ddpm('v_prediction', 'squaredcos_cap_v2')]) {
      const bars = alphasCumprod(s as Extract<Scheduler, { type: 'ddpm' }>);
      for (const d of [0.05, 0.37, 0.8, 0.999]) {
        const t = degradationTimestep(s, d);
        for (let u = 0; u < bars.length; u++) assert.ok(Math.abs(d - Math.sqrt(bars[t]!)) <= Math.abs(d - Math.sqrt(bars[u]!)), `d ${d}: t ${t} beats ${u}`);
      }
      // A more degraded frame (less signal) starts from more noise.
      assert.ok(degradationTimestep(s, 0.2) > degradationTimestep(s, 0.6));
    }
  });

  it('scales the draft steps with the start timestep', () => {
    assert.deepEqual(draftTimesteps(flow(1), 699), [599, 499, 399]);
    assert.deepEqual(draftTimesteps(flow(1), 350), [300, 250, 200]);
  });
});
