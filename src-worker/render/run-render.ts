// A render: decode (ffmpeg) -> inference thread (windows, tiles, base and drafts) -> fusion ->
// segment encoders (ffmpeg) -> final mux. The inference thread works on the next frame (or
// window) while the fusion threads and the encoder handle the previous one; memory is bounded by the window,
// not the clip. Finished segments survive a crash and are reused by the next run.
import { rename, rm, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { RenderJob, RenderResult, SegmentRecord } from '../../src-shared/jobs/render-job.js';
import { draftCount } from '../../src-shared/packs/pack-variants.js';
import { fuseFramesParallel, warmHelpers } from '../helpers/helper-threads.js';
import type { InferenceThread, UpscaledFrame } from '../inference/inference-thread.js';
import { giveBack, takeThread } from '../inference/thread-reserve.js';
import { threadSpecFor } from '../inference/thread-spec.js';
import { muxSegments, temporaryOutput } from '../video/final-mux.js';
import { openDecoder, type FrameDecoder } from '../video/frame-decoder.js';
import { SegmentEncoder } from '../video/segment-encoder.js';
import { loadManifest, saveManifest, segmentFileName, settingsKey } from '../video/segment-manifest.js';
import { clipWindows, startClip } from './clip-start.js';
import { upscaleByWindow, upscaleFrameByFrame } from './upscaled-frames.js';

export interface RenderReporter {
  progress(stage: 'load' | 'render' | 'mux', done: number, total: number, rate?: { fps: number; etaSeconds: number }): void;
  notice(message: string): void;
  /** A segment is finished: its file is in place and the manifest lists it. */
  segment(record: SegmentRecord): void;
}

export class RenderCancelled extends Error {
  constructor() {
    super('the render was cancelled');
  }
}

const PROGRESS_EVERY_MS = 250;

export async function runRender(job: RenderJob, report: RenderReporter, signal: AbortSignal): Promise<RenderResult> {
  const started = performance.now();
  const spec = threadSpecFor(job);
  const { variant, tiles } = spec;
  const source = await stat(job.input.path);
  const total = job.range.end - job.range.start;
  const key = settingsKey({
    input: { path: job.input.path, size: source.size, mtime: source.mtimeMs, frames: job.input.frames },
    range: job.range,
    pack: { name: job.pack.manifest.name, version: job.pack.manifest.version, variant },
    scale: job.scale,
    tiles,
    fusion: job.fusion,
    sampler: job.sampler,
    window: job.window,
    encode: job.encode,
    segmentFrames: job.segmentFrames,
  });
  const manifest = await loadManifest(job.workDir, key, total);
  const reused = manifest.segments.map((s) => s.index);
  const encoded: number[] = [];
  const width = job.input.width * job.scale;
  const height = job.input.height * job.scale;
  let inferenceMs = 0;
  let device: RenderResult['device'] = job.engine.device === 'cuda' ? 'cuda' : 'cpu';

  let decoder: FrameDecoder | null = null;
  let encoder: SegmentEncoder | null = null;
  let thread: InferenceThread | null = null;
  // Called by the abort and again by the error path: both wait for the same shutdown.
  let stopping: Promise<void> | null = null;
  const stopAll = (): Promise<void> =>
    (stopping ??= (async () => {
      decoder?.child.kill('SIGKILL');
      await Promise.all([
        encoder?.kill(),
        thread?.cancel(),
        decoder && decoder.child.exitCode === null && decoder.child.signalCode === null ? new Promise((r) => decoder!.child.once('close', r)) : undefined,
      ]);
    })());
  const onAbort = (): void => void stopAll();
  const startEncoder = (index: number, segmentStart: number): SegmentEncoder => {
    const frames = Math.min(job.segmentFrames, total - segmentStart);
    return new SegmentEncoder(job.ffmpeg, { width, height, frameRate: job.input.avgFrameRate, frames, input: job.input, encode: job.encode }, path.join(job.workDir, `${segmentFileName(index)}.${process.pid}.partial`));
  };
  signal.addEventListener('abort', onAbort, { once: true });

  try {
    let done = manifest.segments.reduce((sum, s) => sum + s.frames, 0);
    if (done < total) {
      report.progress('load', 0, 1);
      // Multi-frame packs run in temporal windows; a resume restarts at the first window that
      // still has unwritten frames (its earlier frames are recomputed for the cross-fade only).
      const windows = clipWindows(variant, total, job.window, done);
      const firstDecoded = windows ? windows[0]!.start : done;
      // The decoder, the first segment's encoder and the fusion threads start (each takes a while)
      // while the inference thread loads the models (unless a `warm` or the previous clip already
      // had them loaded: thread-reserve.ts); the decoder's pipe simply waits to be read.
      decoder = openDecoder(job.ffmpeg, job.input, job.range.start + firstDecoded, total - firstDecoded);
      encoder = startEncoder(manifest.segments.length, done);
      if (draftCount(variant) > 0) warmHelpers({ width, height, settings: job.fusion });
      thread = await takeThread(spec, report.notice);
      device = thread.device;
      await startClip(thread, job, variant, report.notice);
      if (signal.aborted) throw new RenderCancelled();
      const upscaled = windows ? upscaleByWindow(decoder.frames, thread, windows, done) : upscaleFrameByFrame(decoder.frames, thread, done);
      const runStart = performance.now();
      const runStartFrame = done;
      let lastReport = 0;
      let segmentStart = done;

      const finishFrame = async (upscaled: Pick<UpscaledFrame, 'branches' | 'runMs'>): Promise<void> => {
        inferenceMs += upscaled.runMs;
        const [base, ...drafts] = upscaled.branches;
        const fused = drafts.length > 0 ? await fuseFramesParallel(base!, drafts[drafts.length - 1]!, job.fusion) : base!;
        if (signal.aborted) throw new RenderCancelled();
        await encoder!.write(fused);
        done += 1;
        if (done - segmentStart === job.segmentFrames || done === total) {
          const finished = encoder!;
          // The next segment's encoder starts while this one flushes.
          encoder = done < total ? startEncoder(manifest.segments.length + 1, done) : null;
          await finished.finish();
          const index = manifest.segments.length;
          const file = segmentFileName(index);
          await rename(finished.path, path.join(job.workDir, file));
          const record = { index, start: segmentStart, frames: done - segmentStart, file };
          manifest.segments.push(record);
          await saveManifest(job.workDir, manifest);
          encoded.push(index);
          report.segment(record);
          segmentStart = done;
        }
        const now = performance.now();
        if (now - lastReport >= PROGRESS_EVERY_MS || done === total) {
          lastReport = now;
          const fps = (done - runStartFrame) / ((now - runStart) / 1000);
          report.progress('render', done, total, { fps, etaSeconds: fps > 0 ? (total - done) / fps : 0 });
        }
      };

      for await (const frame of upscaled) {
        if (signal.aborted) throw new RenderCancelled();
        await finishFrame(frame);
      }
      if (done !== total) throw new Error(`${job.input.path} decoded to ${done} frames where ${total} were expected`);
      // The models stay loaded for the next clip of the same pack.
      giveBack(thread);
      thread = null;
    }

    if (signal.aborted) throw new RenderCancelled();
    if (job.outPath !== null) {
      report.progress('mux', 0, 1);
      const segmentFiles = manifest.segments.map((s) => path.join(job.workDir, s.file));
      await muxSegments(job.ffmpeg, segmentFiles, { input: job.input, range: job.range, video: { mode: 'copy', encode: job.encode } }, job.outPath, job.workDir, report.notice);
      await rm(job.workDir, { recursive: true, force: true });
      // The shared work folder goes too once no other clip's segments are in it.
      await rmdir(path.dirname(job.workDir)).catch(() => undefined);
      report.progress('mux', 1, 1);
    }
    return {
      outPath: job.outPath,
      frames: total,
      width,
      height,
      device,
      segmentsEncoded: encoded,
      segmentsReused: reused,
      segments: manifest.segments,
      seconds: (performance.now() - started) / 1000,
      inferenceMs,
    };
  } catch (error) {
    await stopAll();
    if (job.outPath !== null) await rm(temporaryOutput(job.outPath), { force: true });
    if (signal.aborted) throw new RenderCancelled();
    throw error;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
