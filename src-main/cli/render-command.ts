// `specula render --library FILE (--all | ID…)`: renders clips with their settings through the
// library's queue, showing progress, until each is done or failed. Interrupted (Ctrl-C, a crash,
// a power cut), the same command resumes every render from its last complete segment.
import { Command, Option } from 'commander';
import type { RenderRecord } from '../../src-shared/api/library-records.js';
import { onOutputClosed } from './closed-output.js';
import { addLibraryOptions, chosenClips, openSession, type LibraryOptions } from './library-session.js';
import { integer } from './option-parsers.js';
import { jsonDisplay, plainDisplay, terminalDisplay, type BatchDisplay } from './upscale-progress.js';

interface RenderOptions extends LibraryOptions {
  all?: boolean;
  priority: number;
}

export function renderCommand(onExitCode: (code: number) => void): Command {
  return addLibraryOptions(
    new Command('render')
      .description("render clips (by id, or --all) with their settings; a render that was interrupted resumes from its last complete segment")
      .argument('[ids...]', 'clip ids, as `specula library list` shows them')
      .option('--all', 'every clip in the library')
      .addOption(new Option('--priority <n>', 'higher runs first (-100 to 100)').argParser(integer(-100, 100)).default(0))
      .option('--json', 'print one JSON object per line instead of progress bars'),
  ).action(async (ids: string[], options: RenderOptions) => {
    onExitCode(await renderClips(ids, options));
  });
}

async function renderClips(ids: string[], options: RenderOptions): Promise<number> {
  const { services, api } = await openSession(options);
  let interrupted = false;
  let onStopped: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (onStopped = resolve));
  let stopWatchingOutput = (): void => undefined;
  const onSignal = (): void => {
    if (interrupted) return;
    interrupted = true;
    void services.queue.stop({ pauseQueue: false }).then(onStopped);
  };
  try {
    const clipIds = await chosenClips(api, ids, options.all);
    services.startWork();
    // Asking to render is asking the queue to run, even if the app left it paused.
    await api.resumeQueue();
    const renders = new Map<number, RenderRecord>();
    for (let i = 0; i < clipIds.length; i += 10_000) for (const r of await api.queueRenders({ clipIds: clipIds.slice(i, i + 10_000), priority: options.priority })) renders.set(r.id, r);
    const display: BatchDisplay = options.json ? jsonDisplay() : process.stdout.isTTY ? terminalDisplay([...renders.values()].reduce((n, r) => n + r.progress.total, 0)) : plainDisplay();
    const started = new Set<number>();
    const ended = new Map<number, RenderRecord['status']>();
    const report = (r: RenderRecord): void => {
      if (!renders.has(r.id) || ended.has(r.id)) return;
      const name = r.clipName;
      if (r.status === 'running' && !started.has(r.id)) {
        started.add(r.id);
        display.clipStarted(name, r.progress.total);
      } else if (r.status === 'done') {
        ended.set(r.id, r.status);
        if (started.has(r.id)) display.clipDone(name, services.library.renders.workDir(r.id)!, { render: r.id, clipId: r.clipId, frames: r.progress.total, width: r.width, height: r.height, segments: r.segments, seconds: r.seconds, device: r.device });
        else display.clipSkipped(name, `render ${r.id} is already done with these settings`);
      } else if (r.status === 'failed' || r.status === 'cancelled' || r.status === 'paused') {
        ended.set(r.id, r.status);
        display.clipFailed(name, r.status === 'failed' ? `failed: ${r.error}` : `${r.status} (render ${r.id})`);
      }
    };
    const unsubscribe = [
      api.onRenderChanged(report),
      api.onRenderProgress(({ id, progress }) => {
        const r = renders.get(id);
        if (r && started.has(id)) display.clipProgress(r.clipName, { ...progress, fps: progress.fps ?? undefined, etaSeconds: progress.etaSeconds ?? undefined });
      }),
      api.onSegmentDone(({ renderId, segment }) => {
        const r = renders.get(renderId);
        if (r) display.segment?.(r.clipName, { render: renderId, clipId: r.clipId, index: segment.index, frames: segment.frames });
      }),
    ];
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    stopWatchingOutput = onOutputClosed(onSignal);
    for (const r of renders.values()) report(services.queue.record(r.id));
    await Promise.race([services.queue.whenSettled([...renders.keys()]), stopped]);
    unsubscribe.forEach((u) => u());
    const failed = [...renders.keys()].filter((id) => services.queue.record(id).status !== 'done').length;
    display.finish({ done: renders.size - failed, skipped: 0, failed });
    if (interrupted) console.error('Interrupted: finished segments are kept; run the same command to resume.');
    return failed > 0 || interrupted ? 1 : 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    stopWatchingOutput();
    await services.close();
  }
}
