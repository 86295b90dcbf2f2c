import { Command } from 'commander';
import type { PreviewResult } from '../../src-shared/jobs/preview-job.js';
import { locateFfmpegTools } from '../media/ffmpeg-tools.js';
import { discoverPacks } from '../packs/pack-catalog.js';
import { packFolders } from '../packs/pack-folders.js';
import { choosePack, preparePreview } from '../preview/prepare-preview.js';
import { WorkerClient } from '../worker/worker-client.js';
import { addEngineOptions, engineSettingsFrom, fusionSettingsFrom, samplerSettingsFrom, type EngineOptions } from './engine-options.js';
import { integer } from './option-parsers.js';

interface PreviewOptions extends EngineOptions {
  frame: number;
  out: string;
  json?: boolean;
}

/** `early`: a worker the CLI started before loading this module; otherwise the command starts its own. */
export function previewCommand(early?: WorkerClient): Command {
  const command = new Command('preview')
    .description('upscale one frame with every branch of a pack: writes lr.png (ffmpeg bicubic), base.png, draft-N.png, fused.png and preview.json')
    .argument('<image-or-video>', 'the file to take the frame from')
    .option('--frame <n>', 'frame index, from 0', integer(0), 0);
  return addEngineOptions(command)
    .requiredOption('--out <dir>', 'folder for the preview files')
    .option('--json', 'print the result as JSON')
    .action(async (input: string, options: PreviewOptions) => {
      const tools = locateFfmpegTools();
      const pack = choosePack(await discoverPacks(packFolders(options.packs)), options.pack);
      const job = await preparePreview(
        {
          input,
          frame: options.frame,
          pack: options.pack,
          scale: options.scale,
          engine: engineSettingsFrom(options),
          fusion: fusionSettingsFrom(options),
          sampler: samplerSettingsFrom(options),
          outDir: options.out,
        },
        pack,
        tools,
      );
      const worker = early ?? new WorkerClient({ prestartInference: true });
      try {
        const result = (await worker.request({ type: 'preview', job }, { onNotice: (message) => console.error(message) })) as PreviewResult;
        if (options.json) console.log(JSON.stringify(result, null, 2));
        else printSummary(result);
      } finally {
        worker.close();
      }
    });
}

function printSummary(result: PreviewResult): void {
  const { files, timings: t } = result;
  for (const file of [files.lr, files.base, ...files.drafts, files.fused]) console.log(`wrote ${file}`);
  const ms = (v: number): string => `${(v / 1000).toFixed(2)} s`;
  console.log(
    `${result.tiles} tile(s) of ${result.tile}px (+${result.context}px context) on ${result.device}: base ${ms(t.baseInference)}, drafts ${ms(t.draftInference)}, fusion ${ms(t.fusion)}, total ${ms(t.total)}`,
  );
  const latent = result.latent;
  if (latent) {
    const estimate = latent.degradation === null ? '' : ` (degradation estimate ${latent.degradation.toFixed(3)})`;
    console.log(`sampled from timestep ${latent.timestep}${estimate}, draft steps ${latent.draftTimesteps.join(', ') || 'none'}, seed ${latent.seed}; encode ${ms(latent.stages.encode)}, decode ${ms(latent.stages.decode)}`);
  }
}
