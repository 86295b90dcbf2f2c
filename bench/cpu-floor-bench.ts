// Part of `npm run bench` (alone: npm run bench:floor): the least whole / pure ratio this machine
// allows, whatever the pipeline. A preview or a render must do some CPU work beside the models
// (ffmpeg's bicubic lr.png, the PNGs, the cross-fades, the fusion, decoding, x264). Even if that
// work and the models shared the cores perfectly, the whole could not take less than
//   (the models' CPU time + the CPU time of the work beside them) / cores,
// against the models' own wall time. Each side is measured alone here, on the CPU clock: the
// models through the worker's own openVariant and upscaleTiled (the tiles preview-bench and
// upscale-bench time), each piece of side work with the product's own code and ffmpeg arguments. Start-up, the final mux and the losses of sharing are
// left out, so the real ratio can only be higher. Linux only (ffmpeg's CPU time comes from
// /proc/self/stat); elsewhere it prints why and returns no rows.
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { probeMedia } from '../src-main/media/probe-media.js';
import { DEFAULT_ENGINE_SETTINGS } from '../src-shared/jobs/engine-settings.js';
import { DEFAULT_ENCODE_SETTINGS } from '../src-shared/jobs/render-job.js';
import { PackManifestSchema, type PackVariant } from '../src-shared/packs/pack-manifest.js';
import { decodeFrame, writeBicubicPng } from '../src-worker/frames/decode-frame.js';
import { toRgb24, type PlanarFrame } from '../src-worker/frames/planar-frame.js';
import { encodePng, warmPngEncoder } from '../src-worker/frames/png-file.js';
import { fuseFrames } from '../src-worker/fusion/fuse-frames.js';
import { openVariant, type OpenedVariant } from '../src-worker/inference/pack-sessions.js';
import { resolveTileSettings } from '../src-worker/inference/tile-settings.js';
import { upscaleTiled, type TileSettings } from '../src-worker/inference/tiled-upscale.js';
import { openDecoder } from '../src-worker/video/frame-decoder.js';
import { encoderArgs } from '../src-worker/video/segment-encoder.js';
import { isScript, runAlone, type BenchResult, type BenchRow } from './bench-report.js';
import { median } from './median.js';
import { makePreviewFrame } from './preview-bench.js';
import { FFMPEG as ffmpeg, FFPROBE as ffprobe, ROOT as root } from './project-paths.js';
import { makeClip } from './upscale-bench.js';

const CLOCK_TICKS_PER_S = 100;

/** CPU milliseconds of this process, every thread (onnxruntime's pool included). */
function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** The fields of a /proc stat line after the command name (fields[0] is field 3, the state). */
function statFields(text: string): string[] {
  return text.slice(text.lastIndexOf(') ') + 2).split(' ');
}

/** CPU milliseconds of the children this process has waited for (cutime + cstime, in clock ticks). */
function childrenCpuMs(): number {
  const fields = statFields(readFileSync('/proc/self/stat', 'utf8'));
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / CLOCK_TICKS_PER_S;
}

/** This process's children, living or not yet reaped. */
function childPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (Number(statFields(readFileSync(`/proc/${entry}/stat`, 'utf8'))[1]) === process.pid) pids.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return pids;
}

/**
 * Waits until no child of an earlier bench (the memory row's worker, which is told to close and
 * not waited for) is left: one reaped during a measurement would add its CPU time to ffmpeg's.
 */
async function noChildrenLeft(): Promise<void> {
  for (let waited = 0; childPids().length > 0; waited += 100) {
    if (waited >= 60_000) throw new Error(`floor: child processes ${childPids().join(', ')} are still running after a minute`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function cpuOf(work: () => unknown, clock: () => number = ownCpuMs): Promise<number> {
  const before = clock();
  await work();
  return clock() - before;
}

interface ModelTimes {
  /** Inside the sessions' run() calls. */
  wallMs: number;
  /** Every thread's CPU over the frames, less the tiling (the models, with their range scaling). */
  cpuMs: number;
  /**
   * Tile copies and cross-fading: upscaleTiled's wall time for them on the calling thread, which
   * runs them while the models wait, so it stands for their CPU time.
   */
  tilingMs: number;
}

interface Models {
  variant: PackVariant;
  sessions: OpenedVariant;
  tiles: TileSettings;
}

/** The pack's x4 models on CPU with the default engine settings, opened as the worker opens them. */
async function openModels(name: string): Promise<Models> {
  const packDir = path.join(root, 'resources', 'models', name);
  const manifest = PackManifestSchema.parse(JSON.parse(readFileSync(path.join(packDir, 'pack.json'), 'utf8')));
  if (manifest.kind !== 'pixel') throw new Error(`${name} is not a pixel pack`);
  const variant = manifest.variants.find((v) => v.scale === 4)!;
  const sessions = await openVariant(packDir, variant, { device: 'cpu', threads: DEFAULT_ENGINE_SETTINGS.threads }, () => undefined);
  return { variant, sessions, tiles: resolveTileSettings(manifest, variant, DEFAULT_ENGINE_SETTINGS) };
}

/** One frame through the product's tiled upscale (every model over every tile, cross-faded into each branch), timed into `timed`. */
async function upscaleFrame(models: Models, frame: PlanarFrame, timed: ModelTimes): Promise<PlanarFrame[]> {
  const all = [models.sessions.base, ...models.sessions.drafts];
  const runMs = (): number => all.reduce((sum, s) => sum + s.runMs, 0);
  const wallBefore = runMs();
  const cpuBefore = ownCpuMs();
  const { branches, tilingMs } = await upscaleTiled(frame, models.variant, models.sessions, models.tiles);
  timed.wallMs += runMs() - wallBefore;
  timed.cpuMs += ownCpuMs() - cpuBefore - tilingMs;
  timed.tilingMs += tilingMs;
  return branches;
}

const noTimes = (): ModelTimes => ({ wallMs: 0, cpuMs: 0, tilingMs: 0 });

interface Floor {
  modelsWallMs: number;
  modelsCpuMs: number;
  sideCpuMs: Record<string, number>;
}

function floorRow(measure: string, floor: Floor, target: number): BenchRow {
  const cores = os.availableParallelism();
  const side = Object.values(floor.sideCpuMs).reduce((a, b) => a + b, 0);
  const least = (floor.modelsCpuMs + side) / cores;
  return { group: 'floor', measure, a: least / 1000, b: floor.modelsWallMs / 1000, unit: 's', ratio: least / floor.modelsWallMs, target };
}

function describe(label: string, floor: Floor): void {
  const side = Object.entries(floor.sideCpuMs).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ');
  console.error(`floor ${label}: models ${floor.modelsWallMs.toFixed(0)} ms wall, ${floor.modelsCpuMs.toFixed(0)} ms CPU; beside them (CPU ms): ${side}`);
}

const PREVIEW_RUNS = { fast: 5, detail: 2 } as const;

/**
 * One preview of the frame with the models open: the models' second pass in a new session (as
 * preview-bench's "next previews" row), best of PREVIEW_RUNS, and the work `runPreview` does
 * beside them (the median of three).
 */
async function previewFloor(name: 'fast' | 'detail', work: string, framePath: string): Promise<Floor> {
  const input = { path: framePath, kind: 'image' as const, frame: 0, width: 320, height: 180 };
  const frame = await decodeFrame(ffmpeg, input);
  let models: Models | null = null;
  try {
    let best: { timed: ModelTimes; branches: PlanarFrame[] } | null = null;
    for (let run = 0; run < PREVIEW_RUNS[name]; run++) {
      const previous = models;
      models = null;
      await previous?.sessions.release();
      models = await openModels(name);
      await upscaleFrame(models, frame, noTimes());
      const timed = noTimes();
      const branches = await upscaleFrame(models, frame, timed);
      if (!best || timed.wallMs < best.timed.wallMs) best = { timed, branches };
    }
    const { variant } = models!;
    const { timed, branches } = best!;
    warmPngEncoder();
    const sideRuns: Record<string, number>[] = [];
    for (let run = 0; run < 3; run++) {
      const side: Record<string, number> = {
        decode: await cpuOf(() => decodeFrame(ffmpeg, input)),
        'lr.png (ffmpeg)': await cpuOf(() => writeBicubicPng(ffmpeg, input, 4, path.join(work, `lr-${name}.png`)), childrenCpuMs),
      };
      let fused = branches[0]!;
      if (branches.length > 1) side['fusion (one thread)'] = await cpuOf(() => (fused = fuseFrames(branches[0]!, branches[branches.length - 1]!, variant.fusion)));
      // base.png, each draft-k.png, and fused.png where there is a draft (otherwise it is a copy).
      side['PNGs'] = await cpuOf(() => [...branches, ...(branches.length > 1 ? [fused] : [])].forEach((b) => encodePng(b)));
      sideRuns.push(side);
    }
    const sideCpuMs = Object.fromEntries(Object.keys(sideRuns[0]!).map((k) => [k, median(sideRuns.map((s) => s[k]!))]));
    sideCpuMs['cross-fade'] = timed.tilingMs;
    return { modelsWallMs: timed.wallMs, modelsCpuMs: timed.cpuMs, sideCpuMs };
  } finally {
    await models?.sessions.release();
  }
}

/**
 * A render of the clip, frame by frame as the pipeline goes: the models from a new session over
 * every frame (as upscale-bench's pure side, one run here), and beside them decoding, the
 * cross-fades, the fusion, RGB packing and x264 at the default settings.
 */
async function upscaleFloor(name: 'fast' | 'detail', clip: string): Promise<Floor> {
  const media = await probeMedia(ffprobe, clip);
  const models = await openModels(name);
  const { variant } = models;
  const packedPath = path.join(path.dirname(clip), `floor-${name}.rgb`);
  try {
    const frames: PlanarFrame[] = [];
    // ffmpeg's CPU and the worker's own (reading the pipe, unpacking to planes).
    const decodeCpuMs = await cpuOf(
      async () => {
        const decoder = openDecoder(ffmpeg, media, 0);
        for await (const frame of decoder.frames) frames.push(frame);
      },
      () => ownCpuMs() + childrenCpuMs(),
    );
    const timed = noTimes();
    const side: Record<string, number> = { decode: decodeCpuMs, 'fusion (one thread)': 0, 'RGB packing': 0 };
    // The packed frames go to a file (not held in memory while the models run) for x264 to read.
    const packed = openSync(packedPath, 'w');
    try {
      for (const frame of frames) {
        const branches = await upscaleFrame(models, frame, timed);
        let fused = branches[0]!;
        if (branches.length > 1) side['fusion (one thread)']! += await cpuOf(() => (fused = fuseFrames(branches[0]!, branches[branches.length - 1]!, variant.fusion)));
        let rgb: Buffer | null = null;
        side['RGB packing']! += await cpuOf(() => (rgb = toRgb24(fused)));
        writeSync(packed, rgb!);
      }
    } finally {
      closeSync(packed);
    }
    side['cross-fade'] = timed.tilingMs;
    const width = media.width * variant.scale;
    const height = media.height * variant.scale;
    const format = { width, height, frameRate: media.avgFrameRate, frames: frames.length, input: media, encode: DEFAULT_ENCODE_SETTINGS };
    const out = path.join(path.dirname(clip), `floor-${name}.mp4`);
    const stdin = openSync(packedPath, 'r');
    try {
      side[`x264 ${DEFAULT_ENCODE_SETTINGS.preset}`] = await cpuOf(() => execFileSync(ffmpeg, encoderArgs(format, out), { stdio: [stdin, 'ignore', 'inherit'] }), childrenCpuMs);
    } finally {
      closeSync(stdin);
    }
    return { modelsWallMs: timed.wallMs, modelsCpuMs: timed.cpuMs, sideCpuMs: side };
  } finally {
    await models.sessions.release();
    rmSync(packedPath, { force: true });
  }
}

export async function floorBench(): Promise<BenchResult> {
  if (!existsSync('/proc/self/stat')) {
    console.error('floor: needs /proc (Linux) to read ffmpeg\'s CPU time; skipped');
    return { rows: [] };
  }
  await noChildrenLeft();
  const work = mkdtempSync(path.join(os.tmpdir(), 'specula-floor-'));
  try {
    const framePath = makePreviewFrame(work);
    const rows: BenchRow[] = [];
    const details: Record<string, Floor> = {};
    const cases = [
      { label: 'fast ×4 preview, models open', floor: () => previewFloor('fast', work, framePath), target: 1.15 },
      { label: 'detail ×4 preview, models open', floor: () => previewFloor('detail', work, framePath), target: 1.15 },
      { label: 'fast ×4 upscale, 48 frames 320×180 → 1280×720', floor: () => upscaleFloor('fast', makeClip(path.join(work, 'large.mp4'), 320, 180, 2, 24)), target: 1.1 },
      { label: 'detail ×4 upscale, 16 frames 112×64', floor: () => upscaleFloor('detail', makeClip(path.join(work, 'speed.mp4'), 112, 64, 1, 16)), target: 1.1 },
    ];
    for (const { label, floor, target } of cases) {
      const measured = await floor();
      describe(label, measured);
      details[label] = measured;
      const first = rows.length === 0;
      rows.push(floorRow(first ? `${label}: least whole / pure (all CPU work ÷ ${os.availableParallelism()} cores, against the models' wall)` : label, measured, target));
    }
    return { rows, details: { cores: os.availableParallelism(), floors: details } };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (isScript(import.meta.url)) await runAlone(floorBench);
