// A library render's job: the clip's settings snapshot turned into the worker's render job, with
// its segments kept in the render's own folder for an export to join.
import type { RenderJob } from '../../src-shared/jobs/render-job.js';
import type { ClipSettings } from '../../src-shared/library/clip-settings.js';
import type { MediaInfo } from '../../src-shared/media/media-info.js';
import type { PackEntry } from '../packs/pack-catalog.js';
import { prepareRender } from '../render/prepare-render.js';

export function renderJobFor(settings: ClipSettings, media: MediaInfo, pack: PackEntry, ffmpeg: string, workDir: string): RenderJob {
  const fusion = { alpha: settings.alpha, fc: settings.fc, order: settings.order, border: settings.border, mask: settings.mask };
  return prepareRender(
    media,
    {
      scale: settings.scale ?? undefined,
      engine: { tile: settings.tile, overlap: settings.overlap, context: settings.context, memoryBudgetMB: settings.memoryBudgetMB, device: settings.device, threads: settings.threads },
      // null means "the pack's own value", which prepareRender fills in.
      fusion: withoutNulls(fusion),
      window: { t: settings.windowT, overlap: settings.overlapT },
      encode: { codec: settings.codec, crf: settings.crf, preset: settings.preset },
      output: { segmentsDir: workDir },
      range: { start: settings.trimIn, end: settings.trimOut ?? media.frames },
      // Pixel packs have no sampler: a library-wide seed, say, simply does not apply to them.
      sampler: pack.manifest?.kind === 'latent' ? withoutNulls({ timestep: settings.timestep, seed: settings.seed }) : {},
    },
    pack,
    ffmpeg,
  );
}

function withoutNulls<T extends object>(o: T): { [K in keyof T]?: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null)) as { [K in keyof T]?: Exclude<T[K], null> };
}
