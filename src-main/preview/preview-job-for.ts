// A clip's preview job: one frame with the clip's effective settings, written into the preview's
// folder. The same checks a render makes, before any model runs.
import type { FusionSettings } from '../../src-shared/fusion/fusion-settings.js';
import type { EngineSettings } from '../../src-shared/jobs/engine-settings.js';
import type { PreviewJob } from '../../src-shared/jobs/preview-job.js';
import type { ClipSettings } from '../../src-shared/library/clip-settings.js';
import type { MediaInfo } from '../../src-shared/media/media-info.js';
import { findVariant } from '../../src-shared/packs/pack-variants.js';
import type { PackEntry } from '../packs/pack-catalog.js';
import { checkEngineSettings, checkSamplerSettings, chooseScale } from '../render/prepare-render.js';

export function previewJobFor(settings: ClipSettings, media: MediaInfo, frame: number, pack: PackEntry, ffmpeg: string, outDir: string): PreviewJob {
  const scale = chooseScale(pack, settings.scale ?? undefined);
  const variant = findVariant(pack.manifest!, scale)!;
  const engine: EngineSettings = { tile: settings.tile, overlap: settings.overlap, context: settings.context, memoryBudgetMB: settings.memoryBudgetMB, device: settings.device, threads: settings.threads };
  checkEngineSettings(engine, pack);
  const sampler = checkSamplerSettings(pack.manifest!.kind === 'latent' ? withoutNulls({ timestep: settings.timestep, seed: settings.seed }) : {}, pack);
  return {
    input: { path: media.path, kind: media.kind, frame, width: media.width, height: media.height },
    pack: { dir: pack.dir, manifest: pack.manifest! },
    scale,
    engine,
    fusion: fusionFor(settings, variant.fusion),
    ...(sampler ? { sampler } : {}),
    outDir,
    ffmpeg,
  };
}

/** The clip's fusion settings, the pack's own where the clip leaves them unset (null). */
export function fusionFor(settings: Pick<ClipSettings, 'alpha' | 'fc' | 'order' | 'border' | 'mask'>, packFusion: FusionSettings): FusionSettings {
  return { ...packFusion, ...withoutNulls({ alpha: settings.alpha, fc: settings.fc, order: settings.order, border: settings.border, mask: settings.mask }) };
}

function withoutNulls<T extends object>(o: T): { [K in keyof T]?: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null)) as { [K in keyof T]?: Exclude<T[K], null> };
}
