// Temporal windows for multi-frame packs, planned like spatial tiles along the time axis: each
// window owns its frames and shares `overlap` frames with its neighbours, where the two windows'
// outputs are cross-faded with the same raised-cosine weights (they sum to one).
import { crossFadeWeight, planAxis, type AxisSpan } from './tile-plan.js';

export type TemporalWindow = AxisSpan;

export function planWindows(frames: number, windowT: number, overlapT: number): TemporalWindow[] {
  const t = Math.min(windowT, frames);
  // planAxis needs the window to be more than twice the overlap; a shorter window shares less.
  const overlap = Math.min(overlapT, Math.max(0, Math.floor((t - 1) / 2)));
  return planAxis(frames, t, overlap);
}

/** Weight of the window's output for clip frame `frame` (which the window covers). */
export function windowWeight(window: TemporalWindow, frame: number): number {
  return crossFadeWeight(frame - window.start, window.end - window.start, window.overlapBefore, window.overlapAfter);
}

/** The windows a render must run to produce frames from `firstFrame` on (a resume point). */
export function windowsFrom(windows: TemporalWindow[], firstFrame: number): TemporalWindow[] {
  return windows.filter((w) => w.end > firstFrame);
}
