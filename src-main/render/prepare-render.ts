// Turns "upscale this clip into that folder with these settings" into a checked render job.
// Everything a user can get wrong about the clip or the settings is caught here, before any
// model runs.
import path from 'node:path';
import type { FusionSettings } from '../../src-shared/fusion/fusion-settings.js';
import { DEFAULT_ENGINE_SETTINGS, type EngineSettings } from '../../src-shared/jobs/engine-settings.js';
import { DEFAULT_ENCODE_SETTINGS, DEFAULT_WINDOW_SETTINGS, type EncodeSettings, type FrameRange, type RenderJob, type RenderTarget, type WindowSettings } from '../../src-shared/jobs/render-job.js';
import { DEFAULT_SAMPLER_SETTINGS, type SamplerSettings } from '../../src-shared/jobs/sampler-settings.js';
import { frameRateValue, type MediaInfo } from '../../src-shared/media/media-info.js';
import { UserError } from '../../src-shared/user-error.js';
import { findVariant } from '../../src-shared/packs/pack-variants.js';
import type { PackEntry } from '../packs/pack-catalog.js';

/** Segments of about this long: a crash loses at most this much work. */
const SEGMENT_SECONDS = 2;

export interface RenderRequest {
  scale?: number | undefined;
  engine: Partial<EngineSettings>;
  fusion: Partial<FusionSettings>;
  sampler?: Partial<SamplerSettings>;
  window: Partial<WindowSettings>;
  encode: Partial<EncodeSettings>;
  /** Where the finished MP4 goes (as <clip name>.mp4), or where the segments stay for a later export. */
  output: { outDir: string } | { segmentsDir: string };
  /** The frames to render; default the whole clip. */
  range?: FrameRange | undefined;
  /** Frames per segment; default about two seconds of the clip. */
  segmentFrames?: number | undefined;
}

export function outputPathFor(clip: string, outDir: string): string {
  return path.resolve(outDir, `${path.parse(clip).name}.mp4`);
}

export function checkEngineSettings(engine: EngineSettings, pack: PackEntry): void {
  const manifest = pack.manifest!;
  if (engine.tile !== null && engine.tile <= 2 * engine.overlap) {
    throw new UserError(`The tile size (${engine.tile}) must be more than twice the overlap (${engine.overlap}); raise --tile or lower --overlap.`);
  }
  if (engine.tile !== null && (engine.tile < manifest.tile.min || engine.tile > manifest.tile.max)) {
    throw new UserError(`The tile size must be between ${manifest.tile.min} and ${manifest.tile.max} for the pack "${manifest.name}".`);
  }
}

/** The sampler settings a job carries: only latent packs have a sampler, so only they get one. */
export function checkSamplerSettings(requested: Partial<SamplerSettings> | undefined, pack: PackEntry): SamplerSettings | undefined {
  const manifest = pack.manifest!;
  const given = Object.keys(requested ?? {}).map((k) => `--${k}`);
  if (manifest.kind !== 'latent') {
    if (given.length > 0) throw new UserError(`${given.join(' and ')} ${given.length > 1 ? 'apply' : 'applies'} to latent packs only, and "${manifest.name}" is a pixel pack.`);
    return undefined;
  }
  const sampler = { ...DEFAULT_SAMPLER_SETTINGS, ...requested };
  const limit = Math.min(...manifest.variants.map((v) => v.scheduler.num_train_timesteps));
  if (sampler.timestep !== null && sampler.timestep >= limit) {
    throw new UserError(`The start timestep ${sampler.timestep} is out of range: the pack "${manifest.name}" takes timesteps 0 to ${limit - 1}.`);
  }
  return sampler;
}

export function chooseScale(pack: PackEntry, scale: number | undefined): number {
  const scales = pack.manifest!.variants.map((v) => v.scale);
  const chosen = scale ?? Math.max(...scales);
  if (!scales.includes(chosen)) throw new UserError(`The pack "${pack.name}" has no x${chosen} model; it offers ${scales.map((s) => `x${s}`).join(', ')}.`);
  return chosen;
}

/** The pack, scale and engine of a render, as its job carries them (what a `warm` request names). */
export function renderTarget(pack: PackEntry, scale: number, engine: Partial<EngineSettings>): RenderTarget {
  return { pack: { dir: pack.dir, manifest: pack.manifest! }, scale, engine: { ...DEFAULT_ENGINE_SETTINGS, ...engine } };
}

export function prepareRender(media: MediaInfo, request: RenderRequest, pack: PackEntry, ffmpeg: string): RenderJob {
  if (media.kind !== 'video') throw new UserError(`${media.path} is a still image, not a video; use \`specula preview\` for stills.`);
  const manifest = pack.manifest!;
  const scale = chooseScale(pack, request.scale);
  const variant = findVariant(manifest, scale)!;
  const target = renderTarget(pack, scale, request.engine);
  const { engine } = target;
  checkEngineSettings(engine, pack);
  const sampler = checkSamplerSettings(request.sampler, pack);
  const window: WindowSettings = { ...DEFAULT_WINDOW_SETTINGS, ...request.window };
  if (window.overlap >= window.t) throw new UserError(`The temporal overlap (${window.overlap}) must be less than the window (${window.t}); lower --overlap-t or raise --window-t.`);
  const range = request.range ?? { start: 0, end: media.frames };
  if (range.end > media.frames || range.start >= range.end) {
    throw new UserError(`The trim ${range.start}-${range.end} does not fit ${path.basename(media.path)}, which has ${media.frames} frames; set the in point before the out point, within the clip.`);
  }
  const outPath = 'outDir' in request.output ? outputPathFor(media.path, request.output.outDir) : null;
  const workDir = 'outDir' in request.output ? path.join(request.output.outDir, '.specula-work', path.parse(media.path).name) : request.output.segmentsDir;
  const segmentFrames = request.segmentFrames ?? Math.max(1, Math.round(SEGMENT_SECONDS * frameRateValue(media.avgFrameRate)));
  return {
    input: { ...media, path: path.resolve(media.path) },
    range,
    ...target,
    fusion: { ...variant.fusion, ...request.fusion },
    ...(sampler ? { sampler } : {}),
    window,
    encode: { ...DEFAULT_ENCODE_SETTINGS, ...request.encode },
    outPath,
    workDir: path.resolve(workDir),
    segmentFrames,
    ffmpeg,
  };
}
