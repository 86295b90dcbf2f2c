// The single-frame preview: decode the frame, run the base and every draft over the same tiles,
// fuse, and write lr.png (ffmpeg bicubic), base.png, draft-k.png, fused.png and preview.json.
// Latent packs take their own path (run-latent-preview.ts) to the same files.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PreviewJob, PreviewResult } from '../../src-shared/jobs/preview-job.js';
import { findVariant, isLatentVariant } from '../../src-shared/packs/pack-variants.js';
import { planTiles } from '../../src-shared/tiles/tile-plan.js';
import { decodeFrame } from '../frames/decode-frame.js';
import type { PlanarFrame } from '../frames/planar-frame.js';
import type { UpscaledFrame } from '../inference/inference-thread.js';
import { giveBack, takeThread } from '../inference/thread-reserve.js';
import { threadSpecFor } from '../inference/thread-spec.js';
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
  // The frame decodes in ffmpeg while the inference thread opens the models (or is already
  // holding them from the previous preview or render of this pack) and the helper threads start.
  const files = new PreviewFiles(job, variant.drafts.length);
  report.progress('load', 0, 1);
  const spec = threadSpecFor(job);
  const t = performance.now();
  const timed = async <T>(work: Promise<T>): Promise<[T, number]> => [await work, performance.now() - t];
  const decoding = timed(decodeFrame(job.ffmpeg, job.input));
  // Heard of below, once the thread is taken; until then a failed decode is not unhandled.
  decoding.catch(() => undefined);
  const [thread, loadMs] = await timed(takeThread(spec, report.notice));
  let decoded: [PlanarFrame, number] | null = null;
  let baseMs = 0;
  let upscaled: UpscaledFrame;
  try {
    decoded = await decoding;
    upscaled = await thread.upscale(decoded[0], job.input.frame, {      onTile: (done, total) => report.progress('infer', done, total),
      onBranch: (index, branch, runMs) => {
        if (index !== 0) return;
        baseMs = runMs;
        files.baseDone(branch);
      },
    });
  } catch (error) {
    // A frame that cannot be decoded leaves the models open; a failed run closes them.
    if (!decoded) giveBack(thread);
    else await thread.close();
    throw error;
  }
  // The models stay open for the next preview (or render) of this pack.
  giveBack(thread);
  const { fusionMs, writeMs } = await files.finish(upscaled.branches, report);
  const [frame, decodeMs] = decoded;
  const { tile, context } = spec.tiles;
  const result: PreviewResult = {
    files: files.paths,
    device: thread.device,
    tiles: planTiles({ width: frame.width, height: frame.height, ...spec.tiles }).length,
    tile,
    context,
    timings: {
      total: 0,
      decode: decodeMs,
      load: loadMs,
      baseInference: variant.drafts.length > 0 ? baseMs : upscaled.runMs,
      draftInference: variant.drafts.length > 0 ? upscaled.runMs - baseMs : 0,
      tiling: upscaled.hostMs,
      fusion: fusionMs,
      write: writeMs,
    },
  };
  result.timings.total = performance.now() - started;
  const settings = { pack: job.pack.manifest.name, scale: job.scale, input: job.input, engine: { ...job.engine, tile, context }, fusion: job.fusion };
  await writeFile(path.join(job.outDir, 'preview.json'), `${JSON.stringify({ settings, ...result }, null, 2)}\n`);
  return result;
}
