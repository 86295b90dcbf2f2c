// Part of `npm run bench` (alone: npm run bench:preview). For a 320x180 -> 1280x720 frame on CPU:
// the whole preview time (decode, model load, tiling, every model, cross-fading, fusion, PNG
// writing) over the pure onnxruntime run() time for the same models over the same tiles.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { DEFAULT_ENGINE_SETTINGS } from '../src-shared/jobs/engine-settings.js';
import { PackManifestSchema } from '../src-shared/packs/pack-manifest.js';
import { planTiles } from '../src-shared/tiles/tile-plan.js';
import { decodeFrame } from '../src-worker/frames/decode-frame.js';
import { sessionOptions } from '../src-worker/inference/execution.js';
import { extractTile } from '../src-worker/inference/tiled-upscale.js';
import { runPreview } from '../src-worker/preview/run-preview.js';
import { isScript, runAlone, type BenchResult } from './bench-report.js';
import { FFMPEG as ffmpeg, ROOT as root } from './project-paths.js';

const RUNS = 5;

async function pureOnnxruntime(packDir: string, manifest: ReturnType<typeof PackManifestSchema.parse>, framePath: string, tile: number, context: number): Promise<{ base: number; drafts: number }> {
  if (manifest.kind !== 'pixel') throw new Error(`${manifest.name} is not a pixel pack`);
  const variant = manifest.variants.find((v) => v.scale === 4)!;
  const frame = await decodeFrame(ffmpeg, { path: framePath, kind: 'image', frame: 0, width: 320, height: 180 });
  const tiles = planTiles({ width: 320, height: 180, tile, overlap: DEFAULT_ENGINE_SETTINGS.overlap, context, multiple: manifest.tile.multiple }).map((t) => extractTile(frame, t));
  const options: ort.InferenceSession.SessionOptions = { ...sessionOptions(DEFAULT_ENGINE_SETTINGS.threads), executionProviders: ['cpu'] };
  const time = async (file: string, feeds: (i: number) => Record<string, ort.Tensor>): Promise<number> => {
    const session = await ort.InferenceSession.create(path.join(packDir, file), options);
    let ms = 0;
    for (let i = 0; i < tiles.length; i++) {
      const f = feeds(i);
      const started = performance.now();
      await session.run(f);
      ms += performance.now() - started;
    }
    await session.release();
    return ms;
  };
  const lrFeed = (name: string, range: number) => (i: number) => ({ [name]: new ort.Tensor('float32', tiles[i]!.data.map((v) => (v * range) / 255), tiles[i]!.dims) });
  const base = await time(variant.base.file, lrFeed(variant.base.input, variant.base.range[1]));
  let drafts = 0;
  for (const draft of variant.drafts) drafts += await time(draft.file, lrFeed(draft.inputs[0]!.name, draft.range[1]));
  return { base, drafts };
}

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
  const framePath = path.join(work, 'frame-320x180.png');
  execFileSync(ffmpeg, ['-v', 'error', '-i', path.join(root, 'tests', 'fixtures', 'photos', 'astronaut.png'), '-vf', 'crop=512:288:0:100,scale=320:180:flags=area', framePath]);
  const rows = [];
  for (const name of ['fast', 'detail']) {
    const packDir = path.join(root, 'resources', 'models', name);
    const manifest = PackManifestSchema.parse(JSON.parse(readFileSync(path.join(packDir, 'pack.json'), 'utf8')));
    let whole = Number.POSITIVE_INFINITY;
    let pure = { base: Number.POSITIVE_INFINITY, drafts: Number.POSITIVE_INFINITY };
    let layout = { tiles: 0, tile: 0, context: 0 };
    let stages: Record<string, number> = {};
    for (let run = 0; run < RUNS; run++) {
      const result = await runPreview(
        {
          input: { path: framePath, kind: 'image', frame: 0, width: 320, height: 180 },
          pack: { dir: packDir, manifest },
          scale: 4,
          engine: DEFAULT_ENGINE_SETTINGS,
          fusion: manifest.variants.find((v) => v.scale === 4)!.fusion,
          outDir: path.join(work, name),
          ffmpeg,
        },
        { progress: () => undefined, notice: (m) => console.error(m) },
      );
      if (result.timings.total < whole) {
        whole = result.timings.total;
        stages = result.timings;
      }
      layout = { tiles: result.tiles, tile: result.tile, context: result.context };
      const p = await pureOnnxruntime(packDir, manifest, framePath, result.tile, result.context);
      if (p.base + p.drafts < pure.base + pure.drafts) pure = p;
    }
    rows.push({ pack: name, ...layout, wholeMs: whole, pureOrtMs: pure.base + pure.drafts, pureBaseMs: pure.base, pureDraftMs: pure.drafts, ratio: whole / (pure.base + pure.drafts), stages });
  }
  for (const r of rows) {
    console.error(`preview ${r.pack}: ${r.tiles} x ${r.tile}px (+${r.context}), whole ${(r.wholeMs / 1000).toFixed(2)} s, pure onnxruntime ${(r.pureOrtMs / 1000).toFixed(2)} s (base ${(r.pureBaseMs / 1000).toFixed(2)} + drafts ${(r.pureDraftMs / 1000).toFixed(2)})`);
    console.error(`preview ${r.pack} stages (ms): ${Object.entries(r.stages).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`);
  }
  return {
    rows: rows.map((r) => ({
      group: 'preview',
      measure: r.pack === 'fast' ? 'fast ×4, 320×180 → 1280×720: whole preview / pure onnxruntime' : `${r.pack} ×4, same frame`,
      a: r.wholeMs / 1000,
      b: r.pureOrtMs / 1000,
      unit: 's',
      ratio: r.ratio,
      target: 1.15,
    })),
    details: { runs: RUNS, packs: rows },
  };
}

if (isScript(import.meta.url)) await runAlone(previewBench);
