// What queueing a clip means when it was rendered before: the queue should neither redo finished
// work nor pile up duplicates, and should pick up where an interrupted render stopped.
import type { RenderRecord } from '../../src-shared/api/library-records.js';
import { CLIP_SETTING_KEYS, type ClipSettings } from '../../src-shared/library/clip-settings.js';

/**
 * - keep: the latest render already does what is asked (waiting, running, or done with the same
 *   settings and its segments still on disk);
 * - requeue: a paused render, or a failed one with the same settings, goes back into the queue and
 *   resumes from its segments;
 * - new: anything else (no render yet, other settings, cancelled, segments deleted).
 */
export function renderForClip(latest: RenderRecord | null, settings: ClipSettings, segmentsOnDisk: (renderId: number) => boolean): 'keep' | 'requeue' | 'new' {
  if (!latest) return 'new';
  const same = sameSettings(latest.settings, settings);
  if (latest.status === 'queued' || latest.status === 'running') return 'keep';
  if (latest.status === 'done' && same && segmentsOnDisk(latest.id)) return 'keep';
  if (latest.status === 'paused' || (latest.status === 'failed' && same)) return 'requeue';
  return 'new';
}

function sameSettings(a: ClipSettings, b: ClipSettings): boolean {
  return CLIP_SETTING_KEYS.every((key) => a[key] === b[key]);
}
