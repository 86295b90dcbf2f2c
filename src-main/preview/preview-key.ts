// A preview's folder name: the clip, and a hash of everything that changes what the models make
// of the frame (the file as it is now, the frame, the pack's manifest and model files, the scale,
// tiles, device, threads and sampler). Fusion settings are not in it: they are applied afterwards,
// so changing them re-fuses the cached outputs instead of running the models again.
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { PreviewJob } from '../../src-shared/jobs/preview-job.js';
import { findVariant, variantFiles } from '../../src-shared/packs/pack-variants.js';

export async function previewKey(clipId: number, job: Omit<PreviewJob, 'outDir'>): Promise<string> {
  const source = await stat(job.input.path);
  const variant = findVariant(job.pack.manifest, job.scale)!;
  const files = await Promise.all(
    ['pack.json', ...variantFiles(variant)].map(async (file) => {
      const info = await stat(path.join(job.pack.dir, file));
      return [file, info.size, info.mtimeMs];
    }),
  );
  const identity = {
    source: [job.input.path, source.size, source.mtimeMs, job.input.frame],
    pack: [job.pack.dir, job.pack.manifest, files],
    scale: job.scale,
    engine: job.engine,
    sampler: job.sampler ?? null,
  };
  return `clip-${clipId}-${createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 16)}`;
}
