// The PS-SR sampler over one tile of one window: encode the (optionally bicubic-upsampled) LR
// pixels, bring the latent to the start timestep with seeded noise, one base step that also
// returns the features the draft declares (and the recurrent state), then each draft step from
// the previous step's clean latent and noise, re-noised to its timestep; decode the base and each
// base+draft_k. tests/reference/latent_reference.py computes the same in numpy.
import type * as ort from 'onnxruntime-node';
import type { LatentVariant } from '../../src-shared/packs/pack-manifest.js';
import { modelTimestep, splitPrediction, type NoiseLevel } from '../../src-shared/sampler/noise-schedule.js';
import { fillNoise, type NoiseOrigin } from '../../src-shared/sampler/seeded-noise.js';
import { upsampleBicubic } from './bicubic.js';
import { floatTensor, timestepTensor, type LatentModel, type Tensor } from './latent-model.js';
import type { LatentSessions } from './latent-sessions.js';
import { fromModelRange, toModelRange } from './value-range.js';

export interface SamplerPlan {
  /** The base step's timestep. */
  start: number;
  /** One per draft step. */
  drafts: number[];
  seed: number;
}

/** Milliseconds per stage, summed over tiles and windows. */
export interface StageTimes {
  estimate: number;
  encode: number;
  base: number;
  /** One entry per draft step. */
  drafts: number[];
  /** All branches' decodes. */
  decode: number;
}

export interface SamplerContext {
  variant: LatentVariant;
  layout: 'NCHW' | 'NCTHW';
  sessions: LatentSessions;
  plan: SamplerPlan;
  /** noiseLevels(variant.scheduler), computed once. */
  levels: NoiseLevel[];
  times: StageTimes;
}

export interface SamplerInput {
  /** LR pixels, 0-255, [3, T, h, w] (T = 1 for NCHW packs). */
  pixels: Float32Array;
  frames: number;
  height: number;
  width: number;
  noiseOrigin: NoiseOrigin;
  /** The previous window's state for this tile (by state input name); null at a clip's start. */
  state: Map<string, Float32Array> | null;
}

export interface SamplerOutput {
  /** Decoded branches, base first, 0-255, [3, T, H, W]. */
  branches: Float32Array[];
  outHeight: number;
  outWidth: number;
  state: Map<string, Float32Array>;
}

export async function sampleTile(input: SamplerInput, ctx: SamplerContext): Promise<SamplerOutput> {
  const { variant: v, sessions, plan, levels, times } = ctx;
  const five = ctx.layout === 'NCTHW';
  const { frames: t, height: h, width: w } = input;
  const u = v.upsample;
  const pixelDims = (frames: number, height: number, width: number): number[] => (five ? [1, 3, frames, height, width] : [1, 3, height, width]);

  const upsampled = upsampleBicubic(input.pixels, 3 * t, h, w, u);
  const encoded = await timed(times, 'encode', () =>
    runOne(sessions.encoder, { [v.vae_encoder.input]: floatTensor(toModelRange(upsampled, v.vae_encoder.range), pixelDims(t, h * u, w * u)) }, v.vae_encoder.output),
  );
  const latentDims = encoded.dims;
  const [, channels = 0] = latentDims;
  const latentFrames = five ? latentDims[2]! : 1;
  const [lh, lw] = latentDims.slice(-2) as [number, number];
  const expected = [1, v.vae_encoder.latent_channels, ...(five ? [t / v.vae_encoder.temporal_factor] : []), (h * u) / v.vae_encoder.spatial_factor, (w * u) / v.vae_encoder.spatial_factor];
  if (latentDims.join() !== expected.join()) throw new Error(`${v.vae_encoder.file} returned a latent of shape [${latentDims.join(', ')}]; pack.json implies [${expected.join(', ')}]`);

  const noise = new Float32Array(encoded.data.length);
  fillNoise(noise, { channels, frames: latentFrames, height: lh, width: lw }, input.noiseOrigin, plan.seed);
  const startLevel = levels[plan.start]!;
  let x = combine(startLevel.signal, encoded.data, startLevel.noise, noise);

  // The base step: its prediction, the features the draft reuses, the state for the next window.
  const base = v.denoiser_base;
  const stateFeeds: Record<string, ort.Tensor> = {};
  for (const s of base.state) stateFeeds[s.input] = floatTensor(input.state?.get(s.input) ?? new Float32Array(s.channels * lh * lw), [1, s.channels, lh, lw]);
  const baseStep = await timed(times, 'base', () => denoise(ctx, sessions.base, base, x, latentDims, plan.start, stateFeeds, stateFeeds, [...base.features, ...base.state.map((s) => s.output)]));
  const state = new Map<string, Float32Array>();
  for (const s of base.state) {
    const out = baseStep.positive[s.output]!;
    if (out.dims.join() !== [1, s.channels, lh, lw].join()) throw new Error(`${base.file} returned state "${s.output}" of shape [${out.dims.join(', ')}]; pack.json declares [1, ${s.channels}, ${lh}, ${lw}]`);
    state.set(s.input, out.data);
  }
  let split = splitPrediction(v.scheduler, startLevel);
  let x0 = combine(split.x0x, x, split.x0p, baseStep.prediction);
  let eps = combine(split.ex, x, split.ep, baseStep.prediction);
  const clean = [x0];

  const draft = v.denoiser_draft;
  for (const [k, timestep] of plan.drafts.entries()) {
    if (!draft || !sessions.draft) throw new Error('the pack has draft timesteps but no draft denoiser');
    const level = levels[timestep]!;
    x = combine(level.signal, x0, level.noise, eps);
    const features = (outputs: Record<string, Tensor>): Record<string, ort.Tensor> =>
      Object.fromEntries(draft.features.map((f) => [f.input, floatTensor(outputs[f.from]!.data, outputs[f.from]!.dims)]));
    const step = await timed(times, k, () => denoise(ctx, sessions.draft!, draft, x, latentDims, timestep, features(baseStep.positive), features(baseStep.negative ?? baseStep.positive), []));
    split = splitPrediction(v.scheduler, level);
    x0 = combine(split.x0x, x, split.x0p, step.prediction);
    eps = combine(split.ex, x, split.ep, step.prediction);
    clean.push(x0);
  }

  const dec = v.vae_decoder;
  const outH = h * v.scale;
  const outW = w * v.scale;
  const branches: Float32Array[] = [];
  for (const latent of clean) {
    const image = await timed(times, 'decode', () => runOne(sessions.decoder, { [dec.input]: floatTensor(latent, latentDims) }, dec.output));
    if (image.dims.join() !== pixelDims(t, outH, outW).join()) {
      throw new Error(`${dec.file} returned [${image.dims.join(', ')}] for a latent of [${latentDims.join(', ')}]; the pack says x${v.scale}, so [${pixelDims(t, outH, outW).join(', ')}]`);
    }
    branches.push(fromModelRange(image.data, dec.range));
  }
  return { branches, outHeight: outH, outWidth: outW, state };
}

interface DenoiserSpec {
  file: string;
  latent: string;
  timestep: { name: string; dtype: 'float32' | 'int64' };
  conditioning?: string | undefined;
  output: string;
}

/**
 * One denoiser call, or two with classifier-free guidance (negative + cfg * (positive - negative));
 * each conditioning gets its own extra inputs (the features its own base run produced).
 */
async function denoise(
  ctx: SamplerContext,
  model: LatentModel,
  spec: DenoiserSpec,
  x: Float32Array,
  dims: number[],
  timestep: number,
  positiveFeeds: Record<string, ort.Tensor>,
  negativeFeeds: Record<string, ort.Tensor>,
  extraOutputs: string[],
): Promise<{ prediction: Float32Array; positive: Record<string, Tensor>; negative: Record<string, Tensor> | null }> {
  const { scheduler } = ctx.variant;
  const common: Record<string, ort.Tensor> = { [spec.latent]: floatTensor(x, dims), [spec.timestep.name]: timestepTensor(modelTimestep(scheduler, timestep), spec.timestep.dtype) };
  const withConditioning = (tensor: { data: Float32Array; dims: number[] } | null): Record<string, ort.Tensor> =>
    spec.conditioning && tensor ? { [spec.conditioning]: floatTensor(tensor.data, tensor.dims) } : {};
  const outputs = [spec.output, ...extraOutputs];
  const positive = await model.run({ ...common, ...withConditioning(ctx.sessions.positive), ...positiveFeeds }, outputs);
  const prediction = positive[spec.output]!;
  if (prediction.data.length !== x.length) throw new Error(`${spec.file} returned a prediction of shape [${prediction.dims.join(', ')}] for a latent of [${dims.join(', ')}]`);
  if (scheduler.cfg_scale === 1 || !spec.conditioning) return { prediction: prediction.data, positive, negative: null };
  const negative = await model.run({ ...common, ...withConditioning(ctx.sessions.negative), ...negativeFeeds }, outputs);
  const n = negative[spec.output]!.data;
  return { prediction: combine(1 - scheduler.cfg_scale, n, scheduler.cfg_scale, prediction.data), positive, negative };
}

async function runOne(model: LatentModel, feeds: Record<string, ort.Tensor>, output: string): Promise<Tensor> {
  return (await model.run(feeds, [output]))[output]!;
}

/** a * p + b * q, elementwise. */
function combine(a: number, p: Float32Array, b: number, q: Float32Array): Float32Array {
  const out = new Float32Array(p.length);
  for (let i = 0; i < p.length; i++) out[i] = a * p[i]! + b * q[i]!;
  return out;
}

async function timed<T>(times: StageTimes, stage: 'encode' | 'base' | 'decode' | number, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  if (typeof stage === 'number') times.drafts[stage] = (times.drafts[stage] ?? 0) + ms;
  else times[stage] += ms;
  return result;
}
