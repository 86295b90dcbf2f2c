// The single-frame preview: decode the frame, run the base and every draft over the same tiles,
// fuse, and write lr.png (ffmpeg bicubic), base.png, draft-k.png, fused.png and preview.json.
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PreviewJob, PreviewResult } from '../../src-shared/jobs/preview-job.js';
import { decodeFrame, writeBicubicPng } from '../frames/decode-frame.js';
import { writePng } from '../frames/png-file.js';
import { fuseFramesParallel, warmFusionThread } from '../fusion/fusion-thread.js';
import { openVariant } from '../inference/pack-sessions.js';
import { resolveTileSettings } from '../inference/tile-settings.js';
import { upscaleTiled } from '../inference/tiled-upscale.js';

export interface PreviewReporter {
  progress(stage: string, done: number, total: number): void;
  notice(message: string): void;
}

export async function runPreview(job: PreviewJob, report: PreviewReporter): Promise<PreviewResult> {
  const started = performance.now();
  const variant = job.pack.manifest.variants.find((v) => v.scale === job.scale);
  if (!variant) throw new Error(`pack ${job.pack.manifest.name} has no x${job.scale} variant`);
  await mkdir(job.outDir, { recursive: true });
  const files = {
    lr: path.join(job.outDir, 'lr.png'),
    base: path.join(job.outDir, 'base.png'),
    drafts: variant.drafts.map((_, k) => path.join(job.outDir, `draft-${k + 1}.png`)),
    fused: path.join(job.outDir, 'fused.png'),
  };
  // The frame decodes in ffmpeg while the models load here and the fusion's helper thread starts.
  if (variant.drafts.length > 0) warmFusionThread();
  report.progress('load', 0, 1);
  let t = performance.now();
  const timed = async <T>(work: Promise<T>): Promise<[T, number]> => [await work, performance.now() - t];
  const [[frame, decodeMs], [sessions, loadMs]] = await Promise.all([
    timed(decodeFrame(job.ffmpeg, job.input)),
    timed(openVariant(job.pack.dir, variant, job.engine, report.notice)),
  ]);
  try {
    const tiles = resolveTileSettings(job.pack.manifest, variant, job.engine);
    const { tile, context } = tiles;
    const tiled = await upscaleTiled(frame, variant, sessions, tiles, (done, total) =>
      report.progress('infer', done, total),
    );

    // The fusion takes both cores (two threads), then the PNGs are filtered here and deflated on
    // the thread pool; ffmpeg makes the bicubic reference alongside. Started earlier, any of them
    // would take cores from the models.
    const [base, ...drafts] = tiled.branches;
    const bicubic = writeBicubicPng(job.ffmpeg, job.input, job.scale, files.lr);
    report.progress('fuse', 0, 1);
    t = performance.now();
    const fused = drafts.length > 0 ? await fuseFramesParallel(base!, drafts[drafts.length - 1]!, job.fusion) : null;
    const fusionMs = performance.now() - t;

    report.progress('write', 0, 1);
    const writeStarted = performance.now();
    await Promise.all([writePng(files.base, base!), ...drafts.map((d, k) => writePng(files.drafts[k]!, d)), bicubic, fused && writePng(files.fused, fused)]);
    // Without drafts there is nothing to fuse: the fused frame is the base.
    if (!fused) await copyFile(files.base, files.fused);
    const writeMs = performance.now() - writeStarted;

    const result: PreviewResult = {
      files,
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
