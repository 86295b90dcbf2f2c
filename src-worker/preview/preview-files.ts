// The files every preview writes: lr.png (ffmpeg bicubic), base.png, draft-k.png, fused.png. Each
// is made as soon as its frame exists, beside the models: the bicubic reference from the start by a
// lowered ffmpeg, base.png on a helper thread while the drafts run. After the last model only the
// fusion and the last PNGs remain, split over the two helper threads.
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import type { FusionSettings } from '../../src-shared/fusion/fusion-settings.js';
import type { PreviewJob, PreviewResult } from '../../src-shared/jobs/preview-job.js';
import { writeBicubicPng } from '../frames/decode-frame.js';
import type { PlanarFrame } from '../frames/planar-frame.js';
import { fuseFramesParallel, warmHelpers, writePngBesideModels } from '../helpers/helper-threads.js';
import type { PreviewReporter } from './run-preview.js';

export class PreviewFiles {
  readonly paths: PreviewResult['files'];
  private readonly fusion: FusionSettings;
  private readonly bicubic: Promise<void>;
  private base: Promise<void> | null = null;

  /** Call once the output folder exists. */
  constructor(job: PreviewJob, drafts: number) {
    const { outDir, input, scale, fusion } = job;
    this.fusion = fusion;
    this.paths = {
      lr: path.join(outDir, 'lr.png'),
      base: path.join(outDir, 'base.png'),
      drafts: Array.from({ length: drafts }, (_, k) => path.join(outDir, `draft-${k + 1}.png`)),
      fused: path.join(outDir, 'fused.png'),
    };
    warmHelpers(drafts > 0 ? { width: input.width * scale, height: input.height * scale, settings: fusion } : undefined);
    this.bicubic = writeBicubicPng(job.ffmpeg, input, scale, this.paths.lr, { besideModels: true });
    // Awaited by finish(); a preview that fails before it must not also report this as unhandled.
    this.bicubic.catch(() => undefined);
  }

  /** The base branch is final (the drafts may still be running): base.png is written now. */
  baseDone(base: PlanarFrame): void {
    if (this.base) return;
    this.base = writePngBesideModels(this.paths.base, base);
    this.base.catch(() => undefined);
  }

  /** Fuses the base with the last draft and writes the rest; returns the fusion and write times. */
  async finish(branches: PlanarFrame[], report: PreviewReporter): Promise<{ fusionMs: number; writeMs: number }> {
    const [base, ...drafts] = branches;
    this.baseDone(base!);
    report.progress('fuse', 0, 1);
    const t = performance.now();
    const fusing = drafts.length > 0 ? fuseFramesParallel(base!, drafts[drafts.length - 1]!, this.fusion) : null;
    // Queued behind the fusion on the helpers, so that they never delay it.
    const draftFiles = drafts.map((d, k) => writePngBesideModels(this.paths.drafts[k]!, d));
    const fused = await fusing;
    const fusionMs = performance.now() - t;

    report.progress('write', 0, 1);
    const writeStarted = performance.now();
    await Promise.all([this.base, this.bicubic, ...draftFiles, fused && writePngBesideModels(this.paths.fused, fused), report.branches?.(branches)]);
    // Without drafts there is nothing to fuse: the fused frame is the base.
    if (!fused) await copyFile(this.paths.base, this.paths.fused);
    return { fusionMs, writeMs: performance.now() - writeStarted };
  }
}
