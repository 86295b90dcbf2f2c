// The schedulers' arithmetic: how much signal and noise a latent holds at timestep t, what value the
// denoiser's timestep input takes, how a prediction splits into the clean latent and the noise,
// and the degradation-aware start timestep (UltraVSR's DRS). Pure numbers, mirrored by
// tests/reference/latent_reference.py; docs/model-packs.md states the formulas.
import type { Scheduler } from '../packs/pack-manifest.js';

type Ddpm = Extract<Scheduler, { type: 'ddpm' }>;

/** x_t = signal * x_0 + noise * epsilon. */
export interface NoiseLevel {
  signal: number;
  noise: number;
}

/** numpy.linspace(start, stop, n), last value exactly `stop`. */
function linspace(start: number, stop: number, n: number): Float64Array {
  const out = new Float64Array(n);
  const step = (stop - start) / (n - 1);
  for (let i = 0; i < n; i++) out[i] = start + i * step;
  out[n - 1] = stop;
  return out;
}

/** alpha-bar_t for t = 0 .. num_train_timesteps - 1 (the diffusers definitions of each beta schedule). */
export function alphasCumprod(s: Ddpm): Float64Array {
  const n = s.num_train_timesteps;
  let betas: Float64Array;
  if (s.beta_schedule === 'linear') betas = linspace(s.beta_start, s.beta_end, n);
  else if (s.beta_schedule === 'scaled_linear') betas = linspace(Math.sqrt(s.beta_start), Math.sqrt(s.beta_end), n).map((b) => b * b);
  else {
    const bar = (t: number): number => Math.cos(((t + 0.008) / 1.008) * (Math.PI / 2)) ** 2;
    betas = Float64Array.from({ length: n }, (_, i) => Math.min(1 - bar((i + 1) / n) / bar(i / n), 0.999));
  }
  const out = new Float64Array(n);
  let product = 1;
  for (let i = 0; i < n; i++) out[i] = product *= 1 - betas[i]!;
  return out;
}

/** Flow matching's noise fraction at t, with Wan2.1's shift. */
export function flowSigma(t: number, numTrainTimesteps: number, shift: number): number {
  const s = t / numTrainTimesteps;
  return (shift * s) / (1 + (shift - 1) * s);
}

/** Signal and noise coefficients at every timestep 0 .. num_train_timesteps - 1. */
export function noiseLevels(s: Scheduler): NoiseLevel[] {
  if (s.type === 'flow_matching') {
    return Array.from({ length: s.num_train_timesteps }, (_, t) => {
      const sigma = flowSigma(t, s.num_train_timesteps, s.shift);
      return { signal: 1 - sigma, noise: sigma };
    });
  }
  return Array.from(alphasCumprod(s), (a) => ({ signal: Math.sqrt(a), noise: Math.sqrt(1 - a) }));
}

/** The value fed to the denoiser's timestep input: t for DDPM, sigma * num_train_timesteps for flow matching (Wan2.1). */
export function modelTimestep(s: Scheduler, t: number): number {
  return s.type === 'flow_matching' ? flowSigma(t, s.num_train_timesteps, s.shift) * s.num_train_timesteps : t;
}

/**
 * The prediction as linear maps of the noisy latent x and the model output p at level (a, b):
 * x0 = x0x * x + x0p * p and eps = ex * x + ep * p.
 */
export interface PredictionSplit {
  x0x: number;
  x0p: number;
  ex: number;
  ep: number;
}

export function splitPrediction(s: Scheduler, level: NoiseLevel): PredictionSplit {
  const { signal: a, noise: b } = level;
  if (s.type === 'flow_matching') return { x0x: 1, x0p: -b, ex: 1, ep: a }; // v = eps - x0, a = 1 - sigma
  if (s.prediction === 'epsilon') return { x0x: 1 / a, x0p: -b / a, ex: 0, ep: 1 };
  return { x0x: a, x0p: -b, ex: b, ep: a }; // v = a * eps - b * x0
}

/**
 * DRS: the timestep whose signal coefficient is nearest the degradation estimate d in [0, 1]:
 * argmin_t |d - sqrt(alpha-bar_t)| for DDPM, argmin_t |d - (1 - sigma_t)| for flow matching
 * (1 - sigma_t is the share of the clean latent in x_t, the role sqrt(alpha-bar_t) plays in DDPM).
 * Ties go to the smaller t.
 */
export function degradationTimestep(s: Scheduler, d: number): number {
  const levels = noiseLevels(s);
  let best = 0;
  for (let t = 1; t < levels.length; t++) if (Math.abs(d - levels[t]!.signal) < Math.abs(d - levels[best]!.signal)) best = t;
  return best;
}

/**
 * The draft timesteps for a clip that starts at `start` instead of timestep_base: scaled by
 * start / timestep_base, so a cleaner clip takes proportionally smaller steps and the number of
 * branches never changes.
 */
export function draftTimesteps(s: Scheduler, start: number): number[] {
  if (start === s.timestep_base) return [...s.timestep_draft_list];
  return s.timestep_draft_list.map((t) => Math.round((t * start) / s.timestep_base));
}
