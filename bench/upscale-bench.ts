// Part of `npm run bench` (alone: npm run bench:upscale): the video pipeline against the models'
// own time, and its memory against clip length.
//  - upscale: whole `specula upscale` wall time (process start to finished MP4) over the pure
//    onnxruntime run() time of the same models over the same tiles of the same frames.
//  - memory: the worker's peak RSS rendering a 30 s clip over a 3 s clip of the same size.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { DEFAULT_ENGINE_SETTINGS } from '../src-shared/jobs/engine-settings.js';
import type { RenderResult } from '../src-shared/jobs/render-job.js';
import { probeMedia } from '../src-main/media/probe-media.js';
import { readPack } from '../src-main/packs/pack-catalog.js';
import { prepareRender } from '../src-main/render/prepare-render.js';
import { WorkerClient } from '../src-main/worker/worker-client.js';
import { planTiles } from '../src-shared/tiles/tile-plan.js';
import { fromRgb24 } from '../src-worker/frames/planar-frame.js';
import { sessionOptions } from '../src-worker/inference/execution.js';
import { resolveTileSettings } from '../src-worker/inference/tile-settings.js';
import { extractTile } from '../src-worker/inference/tiled-upscale.js';
import { isScript, runAlone, type BenchResult, type BenchRow } from './bench-report.js';
import { FFMPEG as ffmpeg, FFPROBE as ffprobe, ROOT as root } from './project-paths.js';

async function inWorkDir<T>(measure: (work: string) => Promise<T>): Promise<T> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'specula-bench-'));
  try {
    return await measure(work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** A clip of camera motion over a real photo, with a tone for audio. */
export function makeClip(file: string, width: number, height: number, seconds: number, fps: number): string {
  execFileSync(ffmpeg, [
    '-v', 'error', '-y', '-loop', '1', '-framerate', String(fps), '-i', path.join(root, 'tests', 'fixtures', 'photos', 'chelsea.png'),
    '-f', 'lavfi', '-i', `sine=frequency=330:duration=${seconds}`,
    '-filter_complex', `[0:v]crop=240:135:'20+mod(t*40\\,180)':'40+mod(t*10\\,120)',scale=${width}:${height},format=yuv420p[v]`,
    '-map', '[v]', '-map', '1:a', '-t', String(seconds), '-c:v', 'libx264', '-c:a', 'aac', file,
  ]);
  return file;
}

/** onnxruntime alone: every model of the pack over the tiles the render uses, frame by frame. */
async function pureOnnxruntime(clip: string, packName: string, scale: number): Promise<number> {
  const pack = await readPack(path.join(root, 'resources', 'models', packName), 'built-in');
  const manifest = pack.manifest!;
  if (manifest.kind !== 'pixel') throw new Error(`${packName} is not a pixel pack`);
  const variant = manifest.variants.find((v) => v.scale === scale)!;
  const media = await probeMedia(ffprobe, clip);
  const tiles = resolveTileSettings(manifest, variant, DEFAULT_ENGINE_SETTINGS);
  const raw = execFileSync(ffmpeg, ['-v', 'error', '-i', clip, '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], { maxBuffer: 1 << 30 });
  const frameBytes = media.width * media.height * 3;
  const plan = planTiles({ width: media.width, height: media.height, ...tiles });
  const options: ort.InferenceSession.SessionOptions = { ...sessionOptions(DEFAULT_ENGINE_SETTINGS.threads), executionProviders: ['cpu'] };
  const models = [variant.base, ...variant.drafts];
  const sessions = await Promise.all(models.map((m) => ort.InferenceSession.create(path.join(pack.dir, m.file), options)));
  let ms = 0;
  for (let f = 0; f < media.frames; f++) {
    const frame = fromRgb24(raw.subarray(f * frameBytes, (f + 1) * frameBytes), media.width, media.height);
    const lr = plan.map((t) => extractTile(frame, t));
    for (const [k, model] of models.entries()) {
      const input = 'input' in model ? model.input : model.inputs[0]!.name;
      for (const tile of lr) {
        const feed = new ort.Tensor('float32', tile.data.map((v) => (v * model.range[1]) / 255), tile.dims);
        const started = performance.now();
        await sessions[k]!.run({ [input]: feed });
        ms += performance.now() - started;
      }
    }
  }
  await Promise.all(sessions.map((s) => s.release()));
  return ms;
}

function wholeUpscale(clip: string, packName: string, scale: number, out: string): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, [path.join(root, 'bin', 'specula.js'), 'upscale', clip, '--pack', packName, '--scale', String(scale), '--out', out, '--json'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`specula upscale failed: ${run.stderr}`);
  return performance.now() - started;
}

/** Peak resident memory of the worker process over one render (VmHWM). */
async function workerPeakRss(clip: string, packName: string, scale: number, out: string): Promise<{ peakMB: number; result: RenderResult }> {
  const pack = await readPack(path.join(root, 'resources', 'models', packName), 'built-in');
  const job = prepareRender(await probeMedia(ffprobe, clip), { scale, engine: {}, fusion: {}, window: {}, encode: {}, output: { outDir: out } }, pack, ffmpeg);
  const worker = new WorkerClient();
  try {
    const result = (await worker.request({ type: 'render', job })) as RenderResult;
    const status = readFileSync(`/proc/${worker.pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]);
    return { peakMB: kb / 1024, result };
  } finally {
    worker.close();
  }
}

const RUNS = 5;

/**
 * upscale: the whole `specula upscale` run over pure onnxruntime, for the same frames. Each
 * side is the best of RUNS (interleaved; 3 for the 48-frame clips), so that a stray spike on a shared
 * machine counts on neither; single samples of each varied by 5-10% on the 2-core machine.
 */
export function upscaleBench(): Promise<BenchResult> {
  return inWorkDir(async (work) => {
    const rows: BenchRow[] = [];
    const runs: Record<string, { wholeMs: number[]; pureMs: number[] }> = {};
    const speedClip = makeClip(path.join(work, 'speed.mp4'), 112, 64, 1, 16);
    // The fast model takes under 50 ms a frame on the small clip, so there its row is mostly
    // start-up; on this one (48 frames to 1280x720) it is mostly the per-frame work beside it.
    const largeClip = makeClip(path.join(work, 'large.mp4'), 320, 180, 2, 24);
    // The default pack on a 3 s clip: its start-up (about 0.7 s to models ready) is a third of
    // what it is on the 1 s clip, relative to the models' time.
    const longerClip = makeClip(path.join(work, 'longer.mp4'), 112, 64, 3, 16);
    const cases = [
      { name: 'fast', clip: speedClip, runs: RUNS, measure: 'fast ×4, 16 frames 112×64: whole `specula upscale` / pure onnxruntime' },
      { name: 'detail', clip: speedClip, runs: RUNS, measure: 'detail ×4, same clip' },
      { name: 'detail', clip: longerClip, runs: 3, measure: 'detail ×4, 48 frames 112×64' },
      { name: 'fast', clip: largeClip, runs: 3, measure: 'fast ×4, 48 frames 320×180 → 1280×720' },
    ] as const;
    for (const [k, { name, clip, runs: count, measure }] of cases.entries()) {
      const measured = { wholeMs: [] as number[], pureMs: [] as number[] };
      for (let run = 0; run < count; run++) {
        measured.wholeMs.push(wholeUpscale(clip, name, 4, path.join(work, `out-${k}-${run}`)));
        measured.pureMs.push(await pureOnnxruntime(clip, name, 4));
      }
      runs[measure] = measured;
      const whole = Math.min(...measured.wholeMs);
      const pure = Math.min(...measured.pureMs);
      rows.push({ group: 'upscale', measure, a: whole / 1000, b: pure / 1000, unit: 's', ratio: whole / pure, target: 1.1 });
      const list = (ms: number[]): string => ms.map((m) => (m / 1000).toFixed(2)).join(', ');
      console.error(`upscale ${measure}: whole ${(whole / 1000).toFixed(2)} s (runs ${list(measured.wholeMs)}), pure onnxruntime ${(pure / 1000).toFixed(2)} s (runs ${list(measured.pureMs)})`);
    }
    return { rows, details: { seconds: runs } };
  });
}

/** memory: the worker's peak RSS over a 30 s clip and a 3 s clip of the same size. */
export function memoryBench(): Promise<BenchResult> {
  return inWorkDir(async (work) => {
    const short = makeClip(path.join(work, 'short.mp4'), 96, 54, 3, 24);
    const long = makeClip(path.join(work, 'long.mp4'), 96, 54, 30, 24);
    const shortRss = await workerPeakRss(short, 'fast', 2, path.join(work, 'rss-short'));
    const longRss = await workerPeakRss(long, 'fast', 2, path.join(work, 'rss-long'));
    console.error(`memory: 30 s clip ${longRss.peakMB.toFixed(0)} MB (${longRss.result.frames} frames), 3 s clip ${shortRss.peakMB.toFixed(0)} MB (${shortRss.result.frames} frames)`);
    return {
      rows: [{ group: 'memory', measure: "the worker's peak RSS, 30 s clip / 3 s clip (96×54, fast ×2)", a: longRss.peakMB, b: shortRss.peakMB, unit: 'MB', ratio: longRss.peakMB / shortRss.peakMB, target: 1.2 }],
      details: { longClipFrames: longRss.result.frames, shortClipFrames: shortRss.result.frames },
    };
  });
}

if (isScript(import.meta.url)) await runAlone(upscaleBench, memoryBench);
