// Part of `npm run bench` (alone: npm run bench:fusion): the project's frequency-domain fusion
// (src-worker/fusion, as the render and the preview call it) on whole 1280×720 and 1920×1080
// frames, against an independent numpy implementation of the same math on the same frames, timed
// inside python. The outputs are compared, so that both times are of the same work.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FusionSettings } from '../src-shared/fusion/fusion-settings.js';
import { PackManifestSchema } from '../src-shared/packs/pack-manifest.js';
import { fromRgb24, type PlanarFrame } from '../src-worker/frames/planar-frame.js';
import { fuseFrames } from '../src-worker/fusion/fuse-frames.js';
import { fuseFramesParallel } from '../src-worker/helpers/helper-threads.js';
import { isScript, runAlone, type BenchResult, type BenchRow } from './bench-report.js';
import { maxAbsDiff } from './max-abs-diff.js';
import { median } from './median.js';
import { FFMPEG, photoPath, PYTHON, ROOT } from './project-paths.js';

const SIZES = [
  [1280, 720],
  [1920, 1080],
] as const;
const WARMUP_RUNS = 1;
const RUNS = 5;

/** One thread, and the two helper threads the render and the preview split the planes over. */
const PATHS = [
  { name: 'one thread', fuse: async (...args: Parameters<typeof fuseFrames>) => fuseFrames(...args) },
  { name: "the app's path (two helper threads)", fuse: fuseFramesParallel },
] as const;

function photoFrame(filters: string, width: number, height: number): PlanarFrame {
  // coffee.png is 600×400: its 16:9 middle band.
  const rgb = execFileSync(FFMPEG, ['-v', 'error', '-i', photoPath('coffee'), '-vf', `crop=600:338:0:31,${filters}`, '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], { maxBuffer: 1 << 30 });
  return fromRgb24(rgb, width, height);
}

/**
 * A real base/draft pair: the draft is the photo scaled to the frame (lanczos), the base the photo
 * at a quarter of that size scaled up bicubically. Their low frequencies agree and their detail
 * does not, as between a fidelity base and a GAN draft.
 */
function framePair(width: number, height: number): { base: PlanarFrame; draft: PlanarFrame } {
  return {
    base: photoFrame(`scale=${width / 4}:${height / 4}:flags=area,scale=${width}:${height}:flags=bicubic`, width, height),
    draft: photoFrame(`scale=${width}:${height}:flags=lanczos`, width, height),
  };
}

function numpyFusion(base: PlanarFrame, draft: PlanarFrame, settings: FusionSettings): { ms: number[]; fused: Float64Array } {
  const header = JSON.stringify({ width: base.width, height: base.height, ...settings, warmup_runs: WARMUP_RUNS, runs: RUNS });
  const input = Buffer.concat([Buffer.from(`${header}\n`), Buffer.from(base.data.buffer), Buffer.from(draft.data.buffer)]);
  const run = spawnSync(PYTHON, [path.join(ROOT, 'bench', 'numpy_fusion_timing.py')], { input, maxBuffer: 1 << 30 });
  if (run.status !== 0) throw new Error(`the numpy fusion (${PYTHON}) failed: ${run.stderr}`);
  const newline = run.stdout.indexOf(10);
  const { ms } = JSON.parse(run.stdout.subarray(0, newline).toString('utf8')) as { ms: number[] };
  const fused = Buffer.from(run.stdout.subarray(newline + 1));
  return { ms, fused: new Float64Array(fused.buffer, fused.byteOffset, fused.byteLength / 8) };
}

async function specula(fuse: (typeof PATHS)[number]['fuse'], base: PlanarFrame, draft: PlanarFrame, settings: FusionSettings): Promise<{ ms: number[]; fused: PlanarFrame }> {
  let fused = await fuse(base, draft, settings);
  for (let i = 1; i < WARMUP_RUNS; i++) fused = await fuse(base, draft, settings);
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    fused = await fuse(base, draft, settings);
    ms.push(performance.now() - started);
  }
  return { ms, fused };
}

export async function fusionBench(): Promise<BenchResult> {
  const manifest = PackManifestSchema.parse(JSON.parse(readFileSync(path.join(ROOT, 'resources', 'models', 'detail', 'pack.json'), 'utf8')));
  const settings = manifest.variants.find((v) => v.scale === 4)!.fusion;
  const rows: BenchRow[] = [];
  const frames: Record<string, unknown>[] = [];
  for (const [width, height] of SIZES) {
    const { base, draft } = framePair(width, height);
    const numpy = numpyFusion(base, draft, settings);
    for (const { name, fuse } of PATHS) {
      const ours = await specula(fuse, base, draft, settings);
      const difference = maxAbsDiff(ours.fused.data, numpy.fused);
      const [a, b] = [median(ours.ms), median(numpy.ms)];
      console.error(`fusion ${width}×${height}, ${name}: ${a.toFixed(0)} ms, numpy ${b.toFixed(0)} ms, outputs differ by at most ${difference.toExponential(2)} (0-255)`);
      rows.push({ group: 'fusion', measure: `${width}×${height} frame, ${name}: Specula / numpy (median of ${RUNS})`, a, b, unit: 'ms', ratio: a / b, target: null });
      frames.push({ width, height, path: name, speculaMs: ours.ms, numpyMs: numpy.ms, maxAbsDiff0to255: difference });
    }
  }
  return { rows, details: { settings, pair: 'coffee.png: lanczos (draft) and area ÷4 then bicubic (base)', warmupRuns: WARMUP_RUNS, runs: RUNS, frames } };
}

if (isScript(import.meta.url)) await runAlone(fusionBench);
