// Part of `npm run bench` (alone: npm run bench:runtime): onnxruntime against TF.js on the same
// model and the same input. Each ONNX file is the converter's output; TF.js runs the model.json it
// came from (pure-JS CPU backend, as the converter tests do), on the same crop of a real photo.
// The idealo RRDN draft is left out: TF.js took over half a minute per run of it on a 48×48 crop.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { DEFAULT_ENGINE_SETTINGS } from '../src-shared/jobs/engine-settings.js';
import { PixelPackSchema } from '../src-shared/packs/pack-manifest.js';
import { fromRgb24, type PlanarFrame } from '../src-worker/frames/planar-frame.js';
import { sessionOptions } from '../src-worker/inference/execution.js';
import { modelSourcePath } from '../tools/build-packs.js';
import { PACK_SOURCES, type ModelSource } from '../tools/pack-sources.js';
import { loadTfjsModel, runTfjs } from '../tools/tfjs-reference.js';
import { isScript, runAlone, type BenchResult, type BenchRow } from './bench-report.js';
import { maxAbsDiff } from './max-abs-diff.js';
import { median } from './median.js';
import { FFMPEG, photoPath, ROOT } from './project-paths.js';

const CROP = { x: 150, y: 110, width: 32, height: 32 };
const WARMUP_RUNS = 1;
const RUNS = 5;
const BASES = [
  { pack: 'fast', scale: 4 },
  { pack: 'detail', scale: 4 },
] as const;

function photoCrop(): PlanarFrame {
  const { x, y, width, height } = CROP;
  const rgb = execFileSync(FFMPEG, ['-v', 'error', '-i', photoPath('chelsea'), '-vf', `crop=${width}:${height}:${x}:${y}`, '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1']);
  return fromRgb24(rgb, width, height);
}

/** Times of the runs after the warm-up ones, and the last output. */
async function timedRuns<T>(run: () => T | Promise<T>): Promise<{ ms: number[]; output: T }> {
  let output = await run();
  for (let i = 1; i < WARMUP_RUNS; i++) output = await run();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    output = await run();
    ms.push(performance.now() - started);
  }
  return { ms, output };
}

async function onnxruntimeRuns(file: string, inputName: string, nchw: Float32Array, threads: number) {
  const session = await ort.InferenceSession.create(file, { ...sessionOptions(threads), executionProviders: ['cpu'] });
  try {
    const feeds = { [inputName]: new ort.Tensor('float32', nchw, [1, 3, CROP.height, CROP.width]) };
    const { ms, output } = await timedRuns(() => session.run(feeds));
    return { ms, output: output[session.outputNames[0]!]!.data as Float32Array };
  } finally {
    await session.release();
  }
}

async function tfjsRuns(source: ModelSource, nhwc: Float32Array) {
  const model = await loadTfjsModel(modelSourcePath(source));
  try {
    const { ms, output } = await timedRuns(() => runTfjs(model, nhwc, CROP.height, CROP.width));
    return { ms, output: output.data };
  } finally {
    model.dispose();
  }
}

function toNhwc(planar: Float32Array): Float32Array {
  const plane = planar.length / 3;
  const out = new Float32Array(planar.length);
  for (let i = 0; i < plane; i++) for (let c = 0; c < 3; c++) out[3 * i + c] = planar[c * plane + i]!;
  return out;
}

export async function runtimeBench(): Promise<BenchResult> {
  const crop = photoCrop();
  const rows: BenchRow[] = [];
  const models: Record<string, unknown>[] = [];
  for (const { pack, scale } of BASES) {
    const packDir = path.join(ROOT, 'resources', 'models', pack);
    const source = PACK_SOURCES.find((p) => p.name === pack)!.variants.find((v) => v.scale === scale)!.base;
    const manifest = PixelPackSchema.parse(JSON.parse(readFileSync(path.join(packDir, 'pack.json'), 'utf8')));
    const model = manifest.variants.find((v) => v.scale === scale)!.base;
    const input = crop.data.map((v) => (v * source.range[1]) / 255);
    const onnxruntime = await onnxruntimeRuns(path.join(packDir, model.file), model.input, input, DEFAULT_ENGINE_SETTINGS.threads);
    const onnxruntimeOneThread = await onnxruntimeRuns(path.join(packDir, model.file), model.input, input, 1);
    const tfjs = await tfjsRuns(source, toNhwc(input));
    // Compared in 0-255, so that the check means the same for both value ranges.
    const difference = (maxAbsDiff(toNhwc(onnxruntime.output), tfjs.output) * 255) / source.range[1];
    const [a, b, one] = [median(onnxruntime.ms), median(tfjs.ms), median(onnxruntimeOneThread.ms)];
    console.error(`runtime ${pack} ×${scale} base: onnxruntime ${a.toFixed(1)} ms (one thread ${one.toFixed(1)} ms), TF.js ${b.toFixed(0)} ms, outputs differ by at most ${difference.toExponential(2)} (0-255)`);
    rows.push({
      group: 'runtime',
      measure: `${pack} ×${scale} base, ${CROP.width}×${CROP.height} crop: onnxruntime / TF.js (median of ${RUNS})`,
      a,
      b,
      unit: 'ms',
      ratio: a / b,
      target: null,
    });
    models.push({ pack, scale, model: 'base', source: source.title, onnxruntimeMs: onnxruntime.ms, onnxruntimeOneThreadMs: onnxruntimeOneThread.ms, tfjsMs: tfjs.ms, maxAbsDiff0to255: difference });
  }
  return { rows, details: { crop: { photo: 'chelsea', ...CROP }, warmupRuns: WARMUP_RUNS, runs: RUNS, onnxruntimeThreads: DEFAULT_ENGINE_SETTINGS.threads, models } };
}

if (isScript(import.meta.url)) await runAlone(runtimeBench);
