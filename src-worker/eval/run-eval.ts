// An eval: for each clip, decode the prediction and its ground truth side by side (two ffmpeg
// processes), measure every frame, and keep only the numbers. Memory holds two frames per side
// (the temporal measure needs the previous one).
import type { ClipMetrics, EvalClip, EvalJob, EvalResult, FrameMetrics } from '../../src-shared/jobs/eval-job.js';
import { temporalDifference } from '../quality/temporal.js';
import { meanOverClips, summarizeClip } from './clip-summary.js';
import { measureFrame, prepareFrame, type MeasuredFrame } from './measure-frame.js';
import { sourceFrames, type SourceFrame } from './source-frames.js';

export interface EvalReporter {
  progress(stage: 'measure', done: number, total: number): void;
}

export async function runEval(job: EvalJob, report: EvalReporter, signal: AbortSignal): Promise<EvalResult> {
  const total = job.clips.reduce((sum, clip) => sum + clip.frames, 0);
  let done = 0;
  const clips: ClipMetrics[] = [];
  try {
    for (const clip of job.clips) {
      clips.push(await measureClip(job, clip, signal, () => report.progress('measure', ++done, total)));
    }
  } catch (error) {
    if (signal.aborted) throw new Error('the eval was cancelled');
    throw error;
  }
  return { clips, mean: meanOverClips(clips, job.metrics) };
}

async function measureClip(job: EvalJob, clip: EvalClip, signal: AbortSignal, frameDone: () => void): Promise<ClipMetrics> {
  const pred = sourceFrames(job.ffmpeg, clip.pred, signal);
  const gt = clip.gt ? sourceFrames(job.ffmpeg, clip.gt, signal) : null;
  const perFrame: FrameMetrics[] = [];
  const temporalPerStep: number[] = [];
  let before: { pred: MeasuredFrame; gt: MeasuredFrame } | null = null;
  try {
    for (;;) {
      const [p, g] = await nextOfBoth(pred, gt);
      if (p.done || g?.done) {
        if (!p.done || (g && !g.done)) throw new Error(`${clip.pred.path} and ${clip.gt!.path} decoded to different numbers of frames`);
        break;
      }
      if (signal.aborted) throw new Error('the eval was cancelled');
      const now = { pred: prepareFrame(p.value, job.crop, job.metrics), gt: g ? prepareFrame(g.value, job.crop, job.metrics) : null };
      perFrame.push(measureFrame(now.pred, now.gt, job.metrics));
      if (now.gt && job.metrics.includes('temporal')) {
        if (before) temporalPerStep.push(temporalDifference(before.pred.rgb, now.pred.rgb, before.gt.rgb, now.gt.rgb));
        before = { pred: now.pred, gt: now.gt };
      }
      frameDone();
    }
  } finally {
    await Promise.allSettled([pred.return(undefined), gt?.return(undefined)]);
  }
  if (perFrame.length !== clip.frames) throw new Error(`${clip.pred.path} decoded to ${perFrame.length} frames where ffprobe counted ${clip.frames}`);
  return {
    name: clip.name,
    frames: clip.frames,
    ...summarizeClip(perFrame, temporalPerStep, job.metrics),
    perFrame,
    ...(job.metrics.includes('temporal') && clip.gt ? { temporalPerStep } : {}),
  };
}

/** The next frame of each side; waits for both even when one fails, so neither is left mid-read. */
async function nextOfBoth(
  pred: AsyncGenerator<SourceFrame>,
  gt: AsyncGenerator<SourceFrame> | null,
): Promise<[IteratorResult<SourceFrame>, IteratorResult<SourceFrame> | null]> {
  const [p, g] = await Promise.allSettled([pred.next(), gt ? gt.next() : Promise.resolve(null)]);
  if (p.status === 'rejected') throw p.reason;
  if (g.status === 'rejected') throw g.reason;
  return [p.value, g.value];
}
