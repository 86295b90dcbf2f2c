// A latent pack's variant as a VariantRunner: each tile of each frame or window goes through the
// sampler, and the decoded branches are cross-faded in pixel space with the same weights as pixel
// packs (the latent is never blended: each tile's decoder sees only its own latent, and memory
// stays per tile). The clip start fixes the timesteps (override, degradation estimate or the
// pack's own) and clears the recurrent state, which is kept per tile from window to window.
import type { SamplerSettings } from '../../src-shared/jobs/sampler-settings.js';
import type { LatentVariant } from '../../src-shared/packs/pack-manifest.js';
import { degradationTimestep, draftTimesteps, noiseLevels, type NoiseLevel } from '../../src-shared/sampler/noise-schedule.js';
import { planTiles, reflectIndex } from '../../src-shared/tiles/tile-plan.js';
import { createFrame, type PlanarFrame } from '../frames/planar-frame.js';
import { accumulateCore, extractTile, type TileSettings } from '../inference/tiled-upscale.js';
import type { ClipStart, VariantRunner } from '../inference/variant-runner.js';
import { estimateDegradation } from './degradation-estimate.js';
import { sampleTile, type SamplerPlan, type StageTimes } from './latent-sampler.js';
import type { LatentSessions } from './latent-sessions.js';

export function emptyStageTimes(): StageTimes {
  return { estimate: 0, encode: 0, base: 0, drafts: [], decode: 0 };
}

export class LatentRunner implements VariantRunner {
  readonly times = emptyStageTimes();
  /** Milliseconds outside onnxruntime: bicubic, noise, sampler arithmetic, tiles and cross-fading. */
  hostMs = 0;
  tiles = 0;
  private plan: SamplerPlan;
  /** Source index of the clip's first frame: noise is drawn at source positions. */
  private offset = 0;
  private readonly levels: NoiseLevel[];
  /** Per tile index, the state the last window handed on. */
  private readonly states = new Map<number, Map<string, Float32Array>>();

  constructor(
    private readonly variant: LatentVariant,
    private readonly layout: 'NCHW' | 'NCTHW',
    readonly sessions: LatentSessions,
    private readonly tileSettings: TileSettings,
  ) {
    const s = variant.scheduler;
    this.plan = { start: s.timestep_base, drafts: [...s.timestep_draft_list], seed: s.seed };
    this.levels = noiseLevels(s);
  }

  get device(): LatentSessions['device'] {
    return this.sessions.device;
  }

  runMs(): number {
    const { encoder, base, draft, decoder, estimator } = this.sessions;
    return [encoder, base, draft, decoder, estimator].reduce((sum, m) => sum + (m?.runMs ?? 0), 0);
  }

  async startClip(first: PlanarFrame | null, settings: SamplerSettings, offset = 0): Promise<ClipStart> {
    const s = this.variant.scheduler;
    let degradation: number | null = null;
    let start = settings.timestep;
    if (start === null && this.sessions.estimator && first) {
      const started = performance.now();
      degradation = await estimateDegradation(this.sessions.estimator, this.variant.degradation_estimator!, first);
      this.times.estimate += performance.now() - started;
      start = degradationTimestep(s, degradation);
    }
    start ??= s.timestep_base;
    if (start >= s.num_train_timesteps) throw new Error(`the start timestep ${start} is out of range: the pack's scheduler has timesteps 0 to ${s.num_train_timesteps - 1}`);
    this.plan = { start, drafts: draftTimesteps(s, start), seed: settings.seed ?? s.seed };
    this.states.clear();
    this.offset = offset;
    return { timestep: start, draftTimesteps: this.plan.drafts, degradation, seed: this.plan.seed };
  }

  async upscaleFrame(frame: PlanarFrame, index: number, onTile?: (done: number, total: number) => void): Promise<PlanarFrame[]> {
    return (await this.run([frame], index, onTile))[0]!;
  }

  upscaleWindow(frames: PlanarFrame[], start: number): Promise<PlanarFrame[][]> {
    return this.run(frames, start);
  }

  release(): Promise<void> {
    return this.sessions.release();
  }

  private async run(frames: PlanarFrame[], start: number, onTile?: (done: number, total: number) => void): Promise<PlanarFrame[][]> {
    const v = this.variant;
    const { width, height } = frames[0]!;
    const count = frames.length;
    // A window whose length is not a multiple of the temporal factor is mirrored in time to one
    // that is; the extra frames' outputs are dropped.
    const k = v.vae_encoder.temporal_factor;
    const padded = Math.ceil(count / k) * k;
    if (this.layout === 'NCHW' && padded !== 1) throw new Error('an NCHW latent pack takes one frame per call');
    const window = Array.from({ length: padded }, (_, i) => frames[reflectIndex(i, count)]!);
    const tiles = planTiles({ width, height, ...this.tileSettings });
    this.tiles = tiles.length;
    const branchCount = 1 + this.plan.drafts.length;
    const out = frames.map(() => Array.from({ length: branchCount }, () => createFrame(width * v.scale, height * v.scale)));
    const ctx = { variant: v, layout: this.layout, sessions: this.sessions, plan: this.plan, levels: this.levels, times: this.times };
    for (const [index, tile] of tiles.entries()) {
      const before = performance.now() - this.runMs();
      const { inputWidth: w, inputHeight: h } = tile;
      const pixels = new Float32Array(3 * padded * h * w);
      window.forEach((frame, t) => {
        const planes = extractTile(frame, tile).data;
        for (let c = 0; c < 3; c++) pixels.set(planes.subarray(c * h * w, (c + 1) * h * w), (c * padded + t) * h * w);
      });
      const noiseOrigin = {
        frame: this.offset + start,
        y: Math.floor((tile.inputY * v.upsample) / v.vae_encoder.spatial_factor),
        x: Math.floor((tile.inputX * v.upsample) / v.vae_encoder.spatial_factor),
      };
      const result = await sampleTile({ pixels, frames: padded, height: h, width: w, noiseOrigin, state: this.states.get(index) ?? null }, ctx);
      if (v.denoiser_base.state.length > 0) this.states.set(index, result.state);
      const plane = result.outHeight * result.outWidth;
      result.branches.forEach((branch, b) => {
        for (let f = 0; f < count; f++) {
          const data = new Float32Array(3 * plane);
          for (let c = 0; c < 3; c++) data.set(branch.subarray((c * padded + f) * plane, (c * padded + f + 1) * plane), c * plane);
          accumulateCore(out[f]![b]!, { data, dims: [1, 3, result.outHeight, result.outWidth] }, tile, this.tileSettings.context, v.scale);
        }
      });
      this.hostMs += performance.now() - this.runMs() - before;
      onTile?.(index + 1, tiles.length);
    }
    return out;
  }
}
