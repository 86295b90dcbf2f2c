// `specula upscale <files-or-folders…> --out DIR`: every video becomes DIR/<name>.mp4. A bad clip
// gets one line and the batch goes on; exit 0 when every clip succeeded, 1 when some failed.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { DEFAULT_ENGINE_SETTINGS } from '../../src-shared/jobs/engine-settings.js';
import { CODECS, PRESETS, type RenderResult } from '../../src-shared/jobs/render-job.js';
import type { MediaInfo } from '../../src-shared/media/media-info.js';
import { UserError } from '../../src-shared/user-error.js';
import { locateFfmpegTools } from '../media/ffmpeg-tools.js';
import { probeMedia } from '../media/probe-media.js';
import { discoverPacks } from '../packs/pack-catalog.js';
import { packFolders } from '../packs/pack-folders.js';
import { choosePack } from '../preview/prepare-preview.js';
import { collectClips } from '../render/collect-clips.js';
import { checkEngineSettings, checkSamplerSettings, chooseScale, outputPathFor, prepareRender, renderTarget } from '../render/prepare-render.js';
import { WorkerClient } from '../worker/worker-client.js';
import { addEngineOptions, defined, engineSettingsFrom, fusionSettingsFrom, samplerSettingsFrom, type EngineOptions } from './engine-options.js';
import { onOutputClosed } from './closed-output.js';
import { integer } from './option-parsers.js';
import { jsonDisplay, plainDisplay, terminalDisplay, type BatchDisplay } from './upscale-progress.js';

interface UpscaleOptions extends EngineOptions {
  out: string;
  windowT?: number;
  overlapT?: number;
  crf?: number;
  preset?: (typeof PRESETS)[number];
  codec?: (typeof CODECS)[number];
  segmentFrames?: number;
  skipExisting?: boolean;
  json?: boolean;
}

/** The exit code of a batch in which some clips failed (or that was interrupted). */
const BATCH_FAILED = 1;

/** `worker`: one the caller started early; otherwise the command starts its own. */
export function upscaleCommand(onExitCode: (code: number) => void, worker?: WorkerClient): Command {
  const command = new Command('upscale')
    .description('upscale every video given (files, or folders of them) into --out as <name>.mp4')
    .argument('<files-or-folders...>', 'videos, or folders whose files are videos');
  return addEngineOptions(command)
    .requiredOption('--out <dir>', 'folder for the finished MP4s (made if missing)')
    .option('--window-t <n>', 'frames per temporal window, for multi-frame packs (default 33)', integer(1, 1024))
    .option('--overlap-t <n>', 'cross-faded frames between windows (default 16)', integer(0, 1023))
    .option('--crf <n>', 'quality: lower is better and bigger (default 18)', integer(0, 51))
    .addOption(new Option('--preset <p>', 'encoder speed/size trade-off (default medium)').choices(PRESETS))
    .addOption(new Option('--codec <c>', 'video codec (default h264; h265 keeps 10-bit sources 10-bit)').choices(CODECS))
    .option('--segment-frames <n>', 'frames per resumable segment (default: about 2 s of the clip)', integer(1))
    .option('--skip-existing', 'leave clips whose output already exists')
    .option('--json', 'print one JSON object per line instead of progress bars')
    .action(async (inputs: string[], options: UpscaleOptions) => {
      onExitCode(await runBatch(inputs, options, worker));
    });
}

async function runBatch(inputs: string[], options: UpscaleOptions, early?: WorkerClient): Promise<number> {
  // The worker (a Node process that loads the engine: a few hundred milliseconds) starts now at the
  // latest, so that it boots while the packs are read and the clips probed.
  let worker: WorkerClient | null = early ?? new WorkerClient({ prestartInference: true });
  try {
    return await runClips(inputs, options, () => (worker ??= new WorkerClient({ prestartInference: true })), () => (worker = null));
  } finally {
    worker?.close();
  }
}

async function runClips(inputs: string[], options: UpscaleOptions, workerFor: () => WorkerClient, workerDied: () => void): Promise<number> {
  const tools = locateFfmpegTools();
  const pack = choosePack(await discoverPacks(packFolders(options.packs)), options.pack);
  const scale = chooseScale(pack, options.scale);
  const engine = engineSettingsFrom(options);
  checkEngineSettings({ ...DEFAULT_ENGINE_SETTINGS, ...engine }, pack);
  checkSamplerSettings(samplerSettingsFrom(options), pack);
  // The models load while the clips are probed.
  workerFor().start({ type: 'warm', target: renderTarget(pack, scale, engine) }).done.catch(() => undefined);
  const clips = await collectClips(inputs);
  if (clips.length === 0) throw new UserError(`No files found in ${inputs.join(', ')}.`);
  await mkdir(options.out, { recursive: true });

  // Probe everything first: bad clips are reported up front and the overall bar knows its total.
  const probed: { clip: string; media?: MediaInfo; error?: string }[] = [];
  for (const clip of clips) {
    try {
      probed.push({ clip, media: await probeMedia(tools.ffprobe, clip) });
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      probed.push({ clip, error: error.message });
    }
  }
  const display: BatchDisplay = options.json ? jsonDisplay() : process.stdout.isTTY ? terminalDisplay(probed.reduce((n, p) => n + (p.media?.frames ?? 0), 0)) : plainDisplay();
  const summary = { done: 0, skipped: 0, failed: 0 };
  let current: { worker: WorkerClient; id: string } | null = null;
  let interrupted = false;
  const onSignal = (): void => {
    interrupted = true;
    if (current) current.worker.cancel(current.id);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const stopWatchingOutput = onOutputClosed(() => {
    console.error('Specula stopped the batch because its output was closed; finished segments are kept, so running the same command again resumes.');
    onSignal();
  });
  try {
    for (const { clip, media, error } of probed) {
      if (interrupted) break;
      if (!media) {
        display.clipFailed(clip, error!);
        summary.failed++;
        continue;
      }
      if (options.skipExisting && existsSync(outputPathFor(clip, options.out))) {
        display.clipSkipped(clip, `${outputPathFor(clip, options.out)} exists`);
        summary.skipped++;
        continue;
      }
      let job;
      try {
        job = prepareRender(
          media,
          {
            scale: options.scale,
            engine,
            fusion: fusionSettingsFrom(options),
            sampler: samplerSettingsFrom(options),
            window: defined({ t: options.windowT, overlap: options.overlapT }),
            encode: defined({ codec: options.codec, crf: options.crf, preset: options.preset }),
            output: { outDir: options.out },
            segmentFrames: options.segmentFrames,
          },
          pack,
          tools.ffmpeg,
        );
      } catch (failure) {
        if (!(failure instanceof UserError)) throw failure;
        display.clipFailed(clip, failure.message);
        summary.failed++;
        continue;
      }
      const worker = workerFor();
      display.clipStarted(clip, media.frames);
      const started = worker.start(
        { type: 'render', job },
        {
          onProgress: (p) => display.clipProgress(clip, { stage: p.stage, done: p.done, total: p.total, fps: p.fps, etaSeconds: p.etaSeconds }),
          onNotice: (message) => display.notice(clip, message),
        },
      );
      current = { worker, id: started.id };
      try {
        const result = (await started.done) as RenderResult;
        display.clipDone(clip, result.outPath!, { frames: result.frames, width: result.width, height: result.height, device: result.device, seconds: result.seconds, segmentsReused: result.segmentsReused.length });
        summary.done++;
      } catch (failure) {
        const reason = failure instanceof Error ? failure.message : String(failure);
        display.clipFailed(clip, interrupted ? 'cancelled; finished segments are kept, so running the same command again resumes' : `failed: ${reason}`);
        summary.failed++;
        // A worker that died is replaced for the rest of the batch.
        if (/stopped unexpectedly/.test(reason)) workerDied();
      } finally {
        current = null;
      }
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    stopWatchingOutput();
  }
  display.finish(summary);
  return summary.failed > 0 || interrupted ? BATCH_FAILED : 0;
}
