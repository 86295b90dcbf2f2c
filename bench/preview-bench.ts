// Part of `npm run bench` (alone: npm run bench:preview). For a 320x180 -> 1280x720 frame on CPU:
// the whole preview time (decode, tiling, every model, cross-fading, fusion, PNG writing) over the
// pure onnxruntime run() time for the same models over the same tiles, twice:
//  - first preview: the models are opened too (as `specula preview` does, and the app's first
//    preview of a pack), against each model's first run() over the tiles in a new session;
//  - next previews: the models are already open (the app's later previews of the pack; the
//    inference thread keeps them), against the same sessions' second run() over the tiles.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { DEFAULT_ENGINE_SETTINGS } from '../src-shared/jobs/engine-settings.js';
import type { PreviewJob, PreviewResult } from '../src-shared/jobs/preview-job.js';
import { PackManifestSchema } from '../src-shared/packs/pack-manifest.js';
import { planTiles } from '../src-shared/tiles/tile-plan.js';
import { decodeFrame } from '../src-worker/frames/decode-frame.js';
import { sessionOptions } from '../src-worker/inference/execution.js';
import { extractTile } from '../src-worker/inference/tiled-upscale.js';
import { closeHeldThread } from '../src-worker/inference/thread-reserve.js';
import { runPreview } from '../src-worker/preview/run-preview.js';
import { isScript, runAlone, type BenchResult } from './bench-report.js';
import { FFMPEG as ffmpeg, ROOT as root } from './project-paths.js';

const RUNS = 5;

interface PureTimes {
  base: number;
  drafts: number;
}

/** Each model's first pass over the tiles in a new session, and its second pass. */
async function pureOnnxruntime(packDir: string, manifest: ReturnType<typeof PackManifestSchema.parse>, framePath: string, tile: number, context: number): Promise<{ first: PureTimes; next: PureTimes }> {
  if (manifest.kind !== 'pixel') throw new Error(`${manifest.name} is not a pixel pack`);
  const variant = manifest.variants.find((v) => v.scale === 4)!;
  const frame = await decodeFrame(ffmpeg, { path: framePath, kind: 'image', frame: 0, width: 320, height: 180 });
  const tiles = planTiles({ width: 320, height: 180, tile, overlap: DEFAULT_ENGINE_SETTINGS.overlap, context, multiple: manifest.tile.multiple }).map((t) => extractTile(frame, t));
  const options: ort.InferenceSession.SessionOptions = { ...sessionOptions(DEFAULT_ENGINE_SETTINGS.threads), executionProviders: ['cpu'] };
  const time = async (file: string, feeds: (i: number) => Record<string, ort.Tensor>): Promise<[number, number]> => {
    const session = await ort.InferenceSession.create(path.join(packDir, file), options);
    const pass = async (): Promise<number> => {
      let ms = 0;
      for (let i = 0; i < tiles.length; i++) {
        const f = feeds(i);
        const started = performance.now();
        await session.run(f);
        ms += performance.now() - started;
      }
      return ms;
    };
    const first = await pass();
    const next = await pass();
    await session.release();
    return [first, next];
  };
  const lrFeed = (name: string, range: number) => (i: number) => ({ [name]: new ort.Tensor('float32', tiles[i]!.data.map((v) => (v * range) / 255), tiles[i]!.dims) });
  const base = await time(variant.base.file, lrFeed(variant.base.input, variant.base.range[1]));
  const drafts = [0, 0];
  for (const draft of variant.drafts) (await time(draft.file, lrFeed(draft.inputs[0]!.name, draft.range[1]))).forEach((ms, i) => (drafts[i]! += ms));
  return { first: { base: base[0], drafts: drafts[0]! }, next: { base: base[1], drafts: drafts[1]! } };
}

/** The preview benches' frame: a 320x180 crop of a real photo, as a PNG in `work`. */
export function makePreviewFrame(work: string): string {
  const framePath = path.join(work, 'frame-320x180.png');
  execFileSync(ffmpeg, ['-v', 'error', '-i', path.join(root, 'tests', 'fixtures', 'photos', 'astronaut.png'), '-vf', 'crop=512:288:0:100,scale=320:180:flags=area', framePath]);
  return framePath;
}

const sum = (p: PureTimes): number => p.base + p.drafts;

/** Each pack's best of RUNS for both, so a stray spike on a shared machine does not count. */
export async function previewBench(): Promise<BenchResult> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'specula-bench-'));
  try {
    return await measurePreviews(work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function measurePreviews(work: string): Promise<BenchResult> {
  const framePath = makePreviewFrame(work);
  const rows: PreviewRow[] = [];
  for (const name of ['fast', 'detail']) {
    const packDir = path.join(root, 'resources', 'models', name);
    const manifest = PackManifestSchema.parse(JSON.parse(readFileSync(path.join(packDir, 'pack.json'), 'utf8')));
    const job: PreviewJob = {
      input: { path: framePath, kind: 'image', frame: 0, width: 320, height: 180 },
      pack: { dir: packDir, manifest },
      scale: 4,
      engine: DEFAULT_ENGINE_SETTINGS,
      fusion: manifest.variants.find((v) => v.scale === 4)!.fusion,
      outDir: path.join(work, name),
      ffmpeg,
    };
    const best = { first: new Best(), next: new Best() };
    for (let run = 0; run < RUNS; run++) {
      await closeHeldThread();
      const first = await runPreview(job, { progress: () => undefined, notice: (m) => console.error(m) });
      const next = await runPreview(job, { progress: () => undefined, notice: (m) => console.error(m) });
      // The sessions held open in the inference thread slowed a second session's runs on this
      // thread (onnxruntime 1.30), which the app never does: the pure runs go alone.
      await closeHeldThread();
      const pure = await pureOnnxruntime(packDir, manifest, framePath, first.tile, first.context);
      best.first.add(first, pure.first);
      best.next.add(next, pure.next);
    }
    await closeHeldThread();
    rows.push(best.first.row(name, 'first'), best.next.row(name, 'next'));
  }
  for (const r of rows) {
    console.error(`preview ${r.pack} (${r.models}): ${r.tiles} x ${r.tile}px (+${r.context}), whole ${(r.wholeMs / 1000).toFixed(2)} s, pure onnxruntime ${(r.pureOrtMs / 1000).toFixed(2)} s (base ${(r.pureBaseMs / 1000).toFixed(2)} + drafts ${(r.pureDraftMs / 1000).toFixed(2)})`);
    console.error(`preview ${r.pack} (${r.models}) stages (ms): ${Object.entries(r.stages).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`);
  }
  const measure = (r: PreviewRow): string => {
    if (r.models === 'first') return `${r.pack} ×4, 320×180 → 1280×720, first preview (opens the models): whole / pure onnxruntime`;
    return `${r.pack} ×4, same frame, next previews (models kept open)`;
  };
  return {
    rows: rows.map((r) => ({ group: 'preview', measure: measure(r), a: r.wholeMs / 1000, b: r.pureOrtMs / 1000, unit: 's', ratio: r.ratio, target: 1.15 })),
    details: { runs: RUNS, packs: rows },
  };
}

interface PreviewRow {
  pack: string;
  models: 'first' | 'next';
  tiles: number;
  tile: number;
  context: number;
  wholeMs: number;
  pureOrtMs: number;
  pureBaseMs: number;
  pureDraftMs: number;
  ratio: number;
  stages: Record<string, number>;
}

/** The best whole preview and, separately, the best pure onnxruntime time over the runs. */
class Best {
  private whole: PreviewResult | null = null;
  private pure: PureTimes | null = null;

  add(whole: PreviewResult, pure: PureTimes): void {
    if (!this.whole || whole.timings.total < this.whole.timings.total) this.whole = whole;
    if (!this.pure || sum(pure) < sum(this.pure)) this.pure = pure;
  }

  row(pack: string, models: PreviewRow['models']): PreviewRow {
    const whole = this.whole!;
    const pure = this.pure!;
    const { tiles, tile, context, timings } = whole;
    return { pack, models, tiles, tile, context, wholeMs: timings.total, pureOrtMs: sum(pure), pureBaseMs: pure.base, pureDraftMs: pure.drafts, ratio: timings.total / sum(pure), stages: { ...timings } };
  }
}

if (isScript(import.meta.url)) await runAlone(previewBench);
