// How a batch shows itself: on a terminal, a bar per clip and one overall (cli-progress);
// with --json, one JSON object per line; otherwise (a pipe, a log), one plain line per event.
import path from 'node:path';
import cliProgress from 'cli-progress';

export interface ClipProgress {
  stage: string;
  done: number;
  total: number;
  fps?: number | undefined;
  etaSeconds?: number | undefined;
}

export interface BatchDisplay {
  clipStarted(clip: string, frames: number): void;
  clipProgress(clip: string, progress: ClipProgress): void;
  clipDone(clip: string, outPath: string, detail: Record<string, unknown>): void;
  clipSkipped(clip: string, reason: string): void;
  clipFailed(clip: string, reason: string): void;
  notice(clip: string, message: string): void;
  /** A segment is finished (shown only as a JSON line). */
  segment?(clip: string, detail: Record<string, unknown>): void;
  finish(summary: { done: number; skipped: number; failed: number }): void;
}

export function jsonDisplay(): BatchDisplay {
  const line = (event: Record<string, unknown>): void => void process.stdout.write(`${JSON.stringify(event)}\n`);
  return {
    clipStarted: (clip, frames) => line({ event: 'start', clip, frames }),
    clipProgress: (clip, p) => line({ event: 'progress', clip, ...p }),
    clipDone: (clip, out, detail) => line({ event: 'done', clip, out, ...detail }),
    clipSkipped: (clip, reason) => line({ event: 'skipped', clip, reason }),
    clipFailed: (clip, reason) => line({ event: 'failed', clip, reason }),
    notice: (clip, message) => line({ event: 'notice', clip, message }),
    segment: (clip, detail) => line({ event: 'segment', clip, ...detail }),
    finish: (summary) => line({ event: 'summary', ...summary }),
  };
}

export function plainDisplay(): BatchDisplay {
  return {
    clipStarted: (clip, frames) => console.log(`${path.basename(clip)}: ${frames} frames`),
    clipProgress: () => undefined,
    clipDone: (clip, out) => console.log(`${path.basename(clip)}: wrote ${out}`),
    clipSkipped: (clip, reason) => console.log(`${path.basename(clip)}: skipped, ${reason}`),
    clipFailed: (clip, reason) => console.error(`${path.basename(clip)}: ${reason}`),
    notice: (clip, message) => console.error(`${path.basename(clip)}: ${message}`),
    finish: ({ done, skipped, failed }) => console.log(`${done} done, ${skipped} skipped, ${failed} failed`),
  };
}

export function terminalDisplay(totalFrames: number): BatchDisplay {
  const bars = new cliProgress.MultiBar(
    { format: ' {name} |{bar}| {value}/{total} frames  {stage} {fps} fps  ETA {eta_formatted}', hideCursor: true, clearOnComplete: false, etaBuffer: 20 },
    cliProgress.Presets.shades_classic,
  );
  const overall = bars.create(totalFrames, 0, { name: 'all clips'.padEnd(24), stage: '', fps: '-' });
  let finishedFrames = 0;
  let current: { bar: cliProgress.SingleBar; frames: number } | null = null;
  const log = (text: string): void => bars.log(`${text}\n`);
  return {
    clipStarted: (clip, frames) => {
      current = { bar: bars.create(frames, 0, { name: path.basename(clip).slice(0, 24).padEnd(24), stage: 'starting', fps: '-' }), frames };
    },
    clipProgress: (_clip, p) => {
      if (!current || p.stage !== 'render') {
        current?.bar.update({ stage: p.stage });
        return;
      }
      const fps = p.fps?.toFixed(2) ?? '-';
      current.bar.update(p.done, { stage: 'render', fps });
      overall.update(finishedFrames + p.done, { fps });
    },
    clipDone: (_clip, out) => {
      if (current) {
        current.bar.update(current.frames, { stage: 'done' });
        finishedFrames += current.frames;
        overall.update(finishedFrames);
      }
      log(`wrote ${out}`);
      current = null;
    },
    clipSkipped: (clip, reason) => log(`${path.basename(clip)}: skipped, ${reason}`),
    clipFailed: (clip, reason) => {
      current?.bar.update({ stage: 'failed' });
      current = null;
      log(`${path.basename(clip)}: ${reason}`);
    },
    notice: (clip, message) => log(`${path.basename(clip)}: ${message}`),
    finish: ({ done, skipped, failed }) => {
      bars.stop();
      console.log(`${done} done, ${skipped} skipped, ${failed} failed`);
    },
  };
}
