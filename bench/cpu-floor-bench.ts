// Part of `npm run bench` (alone: npm run bench:floor): the least whole / pure ratio this machine
// allows, whatever the pipeline. A preview or a render must do some CPU work beside the models
// (ffmpeg's bicubic lr.png, the PNGs, the cross-fades, the fusion, decoding, x264). Even if that
// work and the models shared the cores perfectly, the whole could not take less than
//   (the models' CPU time + the CPU time of the work beside them) / cores,
// against the models' own wall time. Each side is measured alone here, on the CPU clock: the
// models over the same tiles as preview-bench and upscale-bench, each piece of side work with the
// product's own code and ffmpeg arguments. Start-up, the final mux and the losses of sharing are
// left out, so the real ratio can only be higher. Linux only (ffmpeg's CPU time comes from
// /proc/self/stat); elsewhere it prints why and returns no rows.
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { probeMedia } from '../src-main/media/probe-media.js';
import { DEFAULT_ENGINE_SETTINGS } from '../src-shared/jobs/engine-settings.js';
import { DEFAULT_ENCODE_SETTINGS } from '../src-shared/jobs/render-job.js';
import { PackManifestSchema, type PackVariant } from '../src-shared/packs/pack-manifest.js';
import { planTiles, type Tile } from '../src-shared/tiles/tile-plan.js';
import { decodeFrame, writeBicubicPng } from '../src-worker/frames/decode-frame.js';
import { createFrame, toRgb24, type PlanarFrame } from '../src-worker/frames/planar-frame.js';
import { encodePng, warmPngEncoder } from '../src-worker/frames/png-file.js';
import { fuseFrames } from '../src-worker/fusion/fuse-frames.js';
import { sessionOptions } from '../src-worker/inference/execution.js';
import type { ImageTensor } from '../src-worker/inference/model-session.js';
import { resolveTileSettings } from '../src-worker/inference/tile-settings.js';
import { accumulateCore, extractTile } from '../src-worker/inference/tiled-upscale.js';
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
  wallMs: number;
  cpuMs: number;
  scalingCpuMs: number;
}

interface Models {
  variant: PackVariant;
  plan: Tile[];
  context: number;
  /**
   * Every model over every tile of the frame. The wall and CPU time inside run() is added to
   * `timed`, and the CPU time of scaling tiles to and from a model's own value range (the
   * `detail` draft's 0-1; ModelSession does the same) to `timed.scalingCpuMs`.
   */
  run(frame: PlanarFrame, timed?: ModelTimes): Promise<ImageTensor[][]>;
  release(): Promise<void>;
}

/** The pack's x4 models on the default engine settings, over the tiles a frame of this size gets. */
async function openModels(name: string, width: number, height: number): Promise<Models> {
  const packDir = path.join(root, 'resources', 'models', name);
  const manifest = PackManifestSchema.parse(JSON.parse(readFileSync(path.join(packDir, 'pack.json'), 'utf8')));
  if (manifest.kind !== 'pixel') throw new Error(`${name} is not a pixel pack`);
  const variant = manifest.variants.find((v) => v.scale === 4)!;
  const settings = resolveTileSettings(manifest, variant, DEFAULT_ENGINE_SETTINGS);
  const plan = planTiles({ width, height, ...settings });
  const options: ort.InferenceSession.SessionOptions = { ...sessionOptions(DEFAULT_ENGINE_SETTINGS.threads), executionProviders: ['cpu'] };
  const models = [variant.base, ...variant.drafts];
  const sessions = await Promise.all(models.map((m) => ort.InferenceSession.create(path.join(packDir, m.file), options)));
  return {
    variant,
    plan,
    context: settings.context,
    async run(frame, timed) {
      const lr = plan.map((t) => extractTile(frame, t));
      const outputs: ImageTensor[][] = [];
      for (const [k, model] of models.entries()) {
        const input = 'input' in model ? model.input : model.inputs[0]!.name;
        const branch: ImageTensor[] = [];
        const scales = model.range[1] !== 255;
        for (const tile of lr) {
          let cpu = ownCpuMs();
          const feed = new ort.Tensor('float32', scales ? tile.data.map((v) => (v * model.range[1]) / 255) : tile.data, tile.dims);
          if (timed && scales) timed.scalingCpuMs += ownCpuMs() - cpu;
          cpu = ownCpuMs();
          const started = performance.now();
          const result = await sessions[k]!.run({ [input]: feed });
          if (timed) {
            timed.wallMs += performance.now() - started;
            timed.cpuMs += ownCpuMs() - cpu;
          }
          cpu = ownCpuMs();
          const tensor = result[model.output]!;
          const data = tensor.data as Float32Array;
          branch.push({ data: scales ? data.map((v) => (v * 255) / model.range[1]) : data, dims: [...tensor.dims] });
          if (timed && scales) timed.scalingCpuMs += ownCpuMs() - cpu;
        }
        outputs.push(branch);
      }
      return outputs;
    },
    release: () => Promise.all(sessions.map((s) => s.release())).then(() => undefined),
  };
}

/** The models over the frames: wall and CPU time inside their run() calls, and their outputs. */
async function timeModels(models: Models, frames: PlanarFrame[]): Promise<ModelTimes & { outputs: ImageTensor[][][] }> {
  const timed = { wallMs: 0, cpuMs: 0, scalingCpuMs: 0 };
  const outputs: ImageTensor[][][] = [];
  for (const frame of frames) outputs.push(await models.run(frame, timed));
  return { ...timed, outputs };
}

/** The tile copies and the cross-fade of one frame's outputs into its branches, as the inference thread does them. */
function crossFade(frame: PlanarFrame, outputs: ImageTensor[][], models: Models): PlanarFrame[] {
  const { plan, context, variant } = models;
  for (const tile of plan) extractTile(frame, tile);
  return outputs.map((branch) => {
    const canvas = createFrame(frame.width * variant.scale, frame.height * variant.scale);
    branch.forEach((output, t) => accumulateCore(canvas, output, plan[t]!, context, variant.scale));
    return canvas;
  });
}

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
    let best: Awaited<ReturnType<typeof timeModels>> | null = null;
    for (let run = 0; run < PREVIEW_RUNS[name]; run++) {
      const previous = models;
      models = null;
      await previous?.release();
      models = await openModels(name, 320, 180);
      await models.run(frame);
      const timed = await timeModels(models, [frame]);
      if (!best || timed.wallMs < best.wallMs) best = timed;
    }
    const opened = models!;
    const outputs = best!.outputs[0]!;
    warmPngEncoder();
    const sideRuns: Record<string, number>[] = [];
    for (let run = 0; run < 3; run++) {
      let branches: PlanarFrame[] = [];
      const side: Record<string, number> = {
        decode: await cpuOf(() => decodeFrame(ffmpeg, input)),
        'lr.png (ffmpeg)': await cpuOf(() => writeBicubicPng(ffmpeg, input, 4, path.join(work, `lr-${name}.png`)), childrenCpuMs),
        'cross-fade': await cpuOf(() => (branches = crossFade(frame, outputs, opened))),
      };
      let fused = branches[0]!;
      if (branches.length > 1) side['fusion (one thread)'] = await cpuOf(() => (fused = fuseFrames(branches[0]!, branches[branches.length - 1]!, opened.variant.fusion)));
      // base.png, each draft-k.png, and fused.png where there is a draft (otherwise it is a copy).
      side['PNGs'] = await cpuOf(() => [...branches, ...(branches.length > 1 ? [fused] : [])].forEach((b) => encodePng(b)));
      sideRuns.push(side);
    }
    const sideCpuMs = Object.fromEntries(Object.keys(sideRuns[0]!).map((k) => [k, median(sideRuns.map((s) => s[k]!))]));
    if (best!.scalingCpuMs > 0) sideCpuMs['range scaling'] = best!.scalingCpuMs;
    return { modelsWallMs: best!.wallMs, modelsCpuMs: best!.cpuMs, sideCpuMs };
  } finally {
    await models?.release();
  }
}

/**
 * A render of the clip, frame by frame as the pipeline goes: the models from a new session over
 * every frame (as upscale-bench's pure side, one run here), and beside them decoding, the
 * cross-fades, the fusion, RGB packing and x264 at the default settings.
 */
async function upscaleFloor(name: 'fast' | 'detail', clip: string): Promise<Floor> {
  const media = await probeMedia(ffprobe, clip);
  const models = await openModels(name, media.width, media.height);
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
    const timed = { wallMs: 0, cpuMs: 0, scalingCpuMs: 0 };
    const side: Record<string, number> = { decode: decodeCpuMs, 'cross-fade': 0, 'fusion (one thread)': 0, 'RGB packing': 0 };
    // The packed frames go to a file (not held in memory while the models run) for x264 to read.
    const packed = openSync(packedPath, 'w');
    try {
      for (const frame of frames) {
        const outputs = await models.run(frame, timed);
        let branches: PlanarFrame[] = [];
        side['cross-fade']! += await cpuOf(() => (branches = crossFade(frame, outputs, models)));
        let fused = branches[0]!;
        if (branches.length > 1) side['fusion (one thread)']! += await cpuOf(() => (fused = fuseFrames(branches[0]!, branches[branches.length - 1]!, variant.fusion)));
        let rgb: Buffer | null = null;
        side['RGB packing']! += await cpuOf(() => (rgb = toRgb24(fused)));
        writeSync(packed, rgb!);
      }
    } finally {
      closeSync(packed);
    }
    if (timed.scalingCpuMs > 0) side['range scaling'] = timed.scalingCpuMs;
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
    await models.release();
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
