// npm run bench:preview — for a 320x180 -> 1280x720 frame on CPU: the whole preview time (decode,
// model load, tiling, every model, cross-fading, fusion, PNG writing) over the pure onnxruntime
// run() time for the same models over the same tiles. Prints; asserts nothing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { DEFAULT_ENGINE_SETTINGS } from '../src-shared/jobs/engine-settings.js';
import { PackManifestSchema } from '../src-shared/packs/pack-manifest.js';
import { planTiles } from '../src-shared/tiles/tile-plan.js';
import { decodeFrame } from '../src-worker/frames/decode-frame.js';
import { sessionOptions } from '../src-worker/inference/execution.js';
import { extractTile } from '../src-worker/inference/tiled-upscale.js';
import { runPreview } from '../src-worker/preview/run-preview.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, here.includes(`${path.sep}dist${path.sep}`) ? '../..' : '..');
const ffmpeg = process.env['SPECULA_FFMPEG'] ?? 'ffmpeg';
const RUNS = 3;

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

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'specula-bench-'));
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
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`preview 320x180 -> 1280x720 x4 on CPU, ${os.cpus().length} cores (${cpu}), best of ${RUNS}`);
  console.log('| pack | tiles | pure onnxruntime (base + drafts) | whole preview | ratio |');
  console.log('|---|---|---|---|---|');
  for (const r of rows) {
    console.log(`| ${r.pack} | ${r.tiles} x ${r.tile}px (+${r.context}) | ${(r.pureOrtMs / 1000).toFixed(2)} s (${(r.pureBaseMs / 1000).toFixed(2)} + ${(r.pureDraftMs / 1000).toFixed(2)}) | ${(r.wholeMs / 1000).toFixed(2)} s | ${r.ratio.toFixed(3)} |`);
  }
  for (const r of rows) {
    const s = r.stages;
    console.log(`${r.pack} stages (ms): ${Object.entries(s).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`);
  }
  const out = path.join(root, 'bench', 'results', 'preview.json');
  writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), cores: os.cpus().length, cpu, runs: RUNS, rows }, null, 2)}\n`);
  console.log(`figures written to ${path.relative(root, out)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
