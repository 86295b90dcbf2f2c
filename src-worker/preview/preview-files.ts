// The files every preview writes once its branches exist: lr.png (ffmpeg bicubic), base.png,
// draft-k.png, fused.png. The fusion takes both cores (two threads), then the PNGs are filtered
// here and deflated on the thread pool while ffmpeg makes the bicubic reference; started earlier,
// any of them would take cores from the models.
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import type { PreviewJob, PreviewResult } from '../../src-shared/jobs/preview-job.js';
import { writeBicubicPng } from '../frames/decode-frame.js';
import type { PlanarFrame } from '../frames/planar-frame.js';
import { writePng } from '../frames/png-file.js';
import { fuseFramesParallel } from '../fusion/fusion-thread.js';
import type { PreviewReporter } from './run-preview.js';

export function previewFiles(outDir: string, drafts: number): PreviewResult['files'] {
  return {
    lr: path.join(outDir, 'lr.png'),
    base: path.join(outDir, 'base.png'),
    drafts: Array.from({ length: drafts }, (_, k) => path.join(outDir, `draft-${k + 1}.png`)),
    fused: path.join(outDir, 'fused.png'),
  };
}

/** Fuses the base with the last draft and writes every file; returns the fusion and write times. */
export async function writePreviewFiles(job: PreviewJob, files: PreviewResult['files'], branches: PlanarFrame[], report: PreviewReporter): Promise<{ fusionMs: number; writeMs: number }> {
  const [base, ...drafts] = branches;
  const bicubic = writeBicubicPng(job.ffmpeg, job.input, job.scale, files.lr);
  report.progress('fuse', 0, 1);
  const t = performance.now();
  const fused = drafts.length > 0 ? await fuseFramesParallel(base!, drafts[drafts.length - 1]!, job.fusion) : null;
  const fusionMs = performance.now() - t;

  report.progress('write', 0, 1);
  const writeStarted = performance.now();
  await Promise.all([writePng(files.base, base!), ...drafts.map((d, k) => writePng(files.drafts[k]!, d)), bicubic, fused && writePng(files.fused, fused), report.branches?.(branches)]);
  // Without drafts there is nothing to fuse: the fused frame is the base.
  if (!fused) await copyFile(files.base, files.fused);
  return { fusionMs, writeMs: performance.now() - writeStarted };
}
