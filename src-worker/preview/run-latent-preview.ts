// The preview of a latent pack: the frame through the sampler (timesteps from --timestep, the
// degradation estimate or the pack), then the same files as a pixel pack's preview, with the
// time of each sampler stage in preview.json.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PreviewJob, PreviewResult } from '../../src-shared/jobs/preview-job.js';
import { DEFAULT_SAMPLER_SETTINGS } from '../../src-shared/jobs/sampler-settings.js';
import type { LatentVariant } from '../../src-shared/packs/pack-manifest.js';
import { decodeFrame } from '../frames/decode-frame.js';
import { resolveTileSettings } from '../inference/tile-settings.js';
import { LatentRunner } from '../latent/latent-runner.js';
import { openLatentSessions } from '../latent/latent-sessions.js';
import { PreviewFiles } from './preview-files.js';
import type { PreviewReporter } from './run-preview.js';

export async function runLatentPreview(job: PreviewJob, variant: LatentVariant, report: PreviewReporter): Promise<PreviewResult> {
  const started = performance.now();
  const manifest = job.pack.manifest;
  if (manifest.kind !== 'latent') throw new Error(`pack ${manifest.name} is not a latent pack`);
  const drafts = variant.scheduler.timestep_draft_list.length;
  const files = new PreviewFiles(job, drafts);
  report.progress('load', 0, 1);
  const t = performance.now();
  const timed = async <T>(work: Promise<T>): Promise<[T, number]> => [await work, performance.now() - t];
  const [[frame, decodeMs], [sessions, loadMs]] = await Promise.all([
    timed(decodeFrame(job.ffmpeg, job.input)),
    timed(openLatentSessions(job.pack.dir, variant, job.engine, report.notice)),
  ]);
  try {
    const tiles = resolveTileSettings(manifest, variant, job.engine);
    const runner = new LatentRunner(variant, manifest.layout, sessions, tiles);
    const start = await runner.startClip(frame, job.sampler ?? DEFAULT_SAMPLER_SETTINGS);
    const branches = await runner.upscaleFrame(frame, job.input.frame, (done, total) => report.progress('infer', done, total));
    const { fusionMs, writeMs } = await files.finish(branches, report);
    const result: PreviewResult = {
      files: files.paths,
      device: sessions.device,
      tiles: runner.tiles,
      tile: tiles.tile,
      context: tiles.context,
      timings: {
        total: 0,
        decode: decodeMs,
        load: loadMs,
        baseInference: sessions.base.runMs,
        draftInference: sessions.draft?.runMs ?? 0,
        tiling: runner.hostMs,
        fusion: fusionMs,
        write: writeMs,
      },
      latent: { ...start, stages: runner.times },
    };
    result.timings.total = performance.now() - started;
    const settings = { pack: manifest.name, scale: job.scale, input: job.input, engine: { ...job.engine, tile: tiles.tile, context: tiles.context }, fusion: job.fusion, sampler: job.sampler ?? DEFAULT_SAMPLER_SETTINGS };
    await writeFile(path.join(job.outDir, 'preview.json'), `${JSON.stringify({ settings, ...result }, null, 2)}\n`);
    return result;
  } finally {
    await sessions.release();
  }
}
