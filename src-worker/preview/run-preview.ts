// The single-frame preview: decode the frame, run the base and every draft over the same tiles,
// fuse, and write lr.png (ffmpeg bicubic), base.png, draft-k.png, fused.png and preview.json.
// Latent packs take their own path (run-latent-preview.ts) to the same files.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PreviewJob, PreviewResult } from '../../src-shared/jobs/preview-job.js';
import { findVariant, isLatentVariant } from '../../src-shared/packs/pack-variants.js';
import { decodeFrame } from '../frames/decode-frame.js';
import type { PlanarFrame } from '../frames/planar-frame.js';
import { openVariant } from '../inference/pack-sessions.js';
import { resolveTileSettings } from '../inference/tile-settings.js';
import { upscaleTiled } from '../inference/tiled-upscale.js';
import { PreviewFiles } from './preview-files.js';
import { runLatentPreview } from './run-latent-preview.js';

export interface PreviewReporter {
  progress(stage: string, done: number, total: number): void;
  notice(message: string): void;
  /** Given the branches (base, then each draft) to keep, for hosts that re-fuse them later. */
  branches?(branches: PlanarFrame[]): Promise<void>;
}

export async function runPreview(job: PreviewJob, report: PreviewReporter): Promise<PreviewResult> {
  const started = performance.now();
  const variant = findVariant(job.pack.manifest, job.scale);
  if (!variant) throw new Error(`pack ${job.pack.manifest.name} has no x${job.scale} variant`);
  await mkdir(job.outDir, { recursive: true });
  if (isLatentVariant(variant)) return runLatentPreview(job, variant, report);
  // The frame decodes in ffmpeg while the models load here and the helper threads start.
  const files = new PreviewFiles(job, variant.drafts.length);
  report.progress('load', 0, 1);
  const t = performance.now();
  const timed = async <T>(work: Promise<T>): Promise<[T, number]> => [await work, performance.now() - t];
  const [[frame, decodeMs], [sessions, loadMs]] = await Promise.all([
    timed(decodeFrame(job.ffmpeg, job.input)),
    timed(openVariant(job.pack.dir, variant, job.engine, report.notice)),
  ]);
  try {
    const tiles = resolveTileSettings(job.pack.manifest, variant, job.engine);
    const { tile, context } = tiles;
    const tiled = await upscaleTiled(
      frame,
      variant,
      sessions,
      tiles,
      (done, total) => report.progress('infer', done, total),
      (index, branch) => {
        if (index === 0) files.baseDone(branch);
      },
    );
    const { fusionMs, writeMs } = await files.finish(tiled.branches, report);

    const result: PreviewResult = {
      files: files.paths,
      device: sessions.device,
      tiles: tiled.tiles,
      tile,
      context,
      timings: {
        total: 0,
        decode: decodeMs,
        load: loadMs,
        baseInference: sessions.base.runMs,
        draftInference: sessions.drafts.reduce((sum, s) => sum + s.runMs, 0),
        tiling: tiled.tilingMs,
        fusion: fusionMs,
        write: writeMs,
      },
    };
    result.timings.total = performance.now() - started;
    const settings = { pack: job.pack.manifest.name, scale: job.scale, input: job.input, engine: { ...job.engine, tile, context }, fusion: job.fusion };
    await writeFile(path.join(job.outDir, 'preview.json'), `${JSON.stringify({ settings, ...result }, null, 2)}\n`);
    return result;
  } finally {
    await sessions.release();
  }
}
