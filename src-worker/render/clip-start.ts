// What a render settles before its first frame: how the clip is cut into calls, and (latent
// packs) the sampler's start, with the degradation estimate taken on the clip's first frame (the
// first of its trimmed range) so that every window, and a resumed render, samples from the same
// timestep.
import type { RenderJob } from '../../src-shared/jobs/render-job.js';
import { DEFAULT_SAMPLER_SETTINGS } from '../../src-shared/jobs/sampler-settings.js';
import type { AnyVariant } from '../../src-shared/packs/pack-manifest.js';
import { carriesState, framesPerCall, isLatentVariant } from '../../src-shared/packs/pack-variants.js';
import { planWindows, windowsFrom, type TemporalWindow } from '../../src-shared/tiles/window-plan.js';
import { decodeFrame } from '../frames/decode-frame.js';
import type { InferenceThread } from '../inference/inference-thread.js';

/**
 * Temporal windows from the first one still needed, or null to go frame by frame. Multi-frame
 * packs take windows; a pack with recurrent state takes one-frame windows when it is an image
 * pack, and always starts at the clip's first window, so that a resumed render hands on the same
 * state as an uninterrupted one (the frames already written are recomputed, not written again).
 */
export function clipWindows(variant: AnyVariant, total: number, window: RenderJob['window'], done: number): TemporalWindow[] | null {
  const frames = framesPerCall(variant);
  const stateful = carriesState(variant);
  if (frames === 1 && !stateful) return null;
  const planned = frames > 1 ? planWindows(total, Math.min(window.t, frames), window.overlap) : planWindows(total, 1, 0);
  return windowsFrom(planned, stateful ? 0 : done);
}

export async function startClip(thread: InferenceThread, job: RenderJob, variant: AnyVariant, notice: (message: string) => void): Promise<void> {
  if (!isLatentVariant(variant)) return;
  const settings = job.sampler ?? DEFAULT_SAMPLER_SETTINGS;
  const needsFrame = variant.degradation_estimator !== undefined && settings.timestep === null;
  const frame = job.range.start;
  const first = needsFrame ? await decodeFrame(job.ffmpeg, { path: job.input.path, kind: 'video', frame, width: job.input.width, height: job.input.height }) : null;
  const start = await thread.startClip(first, settings, frame);
  if (start?.degradation !== null && start?.degradation !== undefined) {
    notice(`degradation estimate ${start.degradation.toFixed(3)}: sampling from timestep ${start.timestep} (draft steps ${start.draftTimesteps.join(', ') || 'none'})`);
  }
}
