// Turns what a user asked for (a file, a frame, a pack name, settings) into a checked preview job.
// Everything a user can get wrong is caught here, before any model runs.
import path from 'node:path';
import type { FusionSettings } from '../../src-shared/fusion/fusion-settings.js';
import { DEFAULT_ENGINE_SETTINGS, type EngineSettings } from '../../src-shared/jobs/engine-settings.js';
import type { PreviewJob } from '../../src-shared/jobs/preview-job.js';
import type { SamplerSettings } from '../../src-shared/jobs/sampler-settings.js';
import { findVariant } from '../../src-shared/packs/pack-variants.js';
import { UserError } from '../../src-shared/user-error.js';
import type { FfmpegTools } from '../media/ffmpeg-tools.js';
import { probeMedia } from '../media/probe-media.js';
import type { PackEntry } from '../packs/pack-catalog.js';
import { checkEngineSettings, checkSamplerSettings } from '../render/prepare-render.js';

import { DEFAULT_PACK } from '../../src-shared/packs/default-pack.js';

export interface PreviewRequest {
  input: string;
  frame: number;
  pack?: string | undefined;
  scale?: number | undefined;
  engine: Partial<EngineSettings>;
  fusion: Partial<FusionSettings>;
  sampler?: Partial<SamplerSettings>;
  outDir: string;
}

export function choosePack(packs: PackEntry[], name: string | undefined): PackEntry {
  const wanted = name ?? DEFAULT_PACK;
  const usable = packs.filter((p) => p.problem === null).map((p) => p.name);
  const pack = packs.find((p) => p.name === wanted && p.problem === null) ?? packs.find((p) => p.name === wanted);
  if (!pack) throw new UserError(`There is no pack named "${wanted}"; installed packs: ${usable.join(', ') || 'none'} (see \`specula packs\`).`);
  if (pack.problem !== null) throw new UserError(`The pack "${wanted}" cannot be used: ${pack.problem}.`);
  return pack;
}

export async function preparePreview(request: PreviewRequest, pack: PackEntry, tools: FfmpegTools): Promise<PreviewJob> {
  const manifest = pack.manifest!;
  const scales = manifest.variants.map((v) => v.scale);
  const scale = request.scale ?? Math.max(...scales);
  const variant = findVariant(manifest, scale);
  if (!variant) throw new UserError(`The pack "${manifest.name}" has no x${scale} model; it offers ${scales.map((s) => `x${s}`).join(', ')}.`);
  const media = await probeMedia(tools.ffprobe, request.input);
  if (request.frame >= media.frames) {
    throw new UserError(
      media.kind === 'image'
        ? `Frame ${request.frame} is out of range: ${request.input} is an image, so only frame 0 exists.`
        : `Frame ${request.frame} is out of range: ${request.input} has ${media.frames} frames (0 to ${media.frames - 1}).`,
    );
  }
  const engine: EngineSettings = { ...DEFAULT_ENGINE_SETTINGS, ...request.engine };
  checkEngineSettings(engine, pack);
  const sampler = checkSamplerSettings(request.sampler, pack);
  return {
    input: { path: path.resolve(media.path), kind: media.kind, frame: request.frame, width: media.width, height: media.height },
    pack: { dir: pack.dir, manifest },
    scale,
    engine,
    fusion: { ...variant.fusion, ...request.fusion },
    ...(sampler ? { sampler } : {}),
    outDir: path.resolve(request.outDir),
    ffmpeg: tools.ffmpeg,
  };
}
