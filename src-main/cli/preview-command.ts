import { Command, Option } from 'commander';
import type { PreviewResult } from '../../src-shared/jobs/preview-job.js';
import { locateFfmpegTools } from '../media/ffmpeg-tools.js';
import { discoverPacks } from '../packs/pack-catalog.js';
import { packFolders } from '../packs/pack-folders.js';
import { choosePack, preparePreview } from '../preview/prepare-preview.js';
import { WorkerClient } from '../worker/worker-client.js';
import { decimal, integer } from './option-parsers.js';

interface PreviewOptions {
  frame: number;
  pack?: string;
  scale?: number;
  tile?: number;
  overlap?: number;
  context?: number;
  memory?: number;
  alpha?: number;
  fc?: number;
  order?: number;
  border?: number;
  mask?: 'butterworth' | 'gaussian';
  device: 'cpu' | 'cuda';
  threads?: number;
  packs?: string;
  out: string;
  json?: boolean;
}

export function previewCommand(): Command {
  return new Command('preview')
    .description('upscale one frame with every branch of a pack: writes lr.png (ffmpeg bicubic), base.png, draft-N.png, fused.png and preview.json')
    .argument('<image-or-video>', 'the file to take the frame from')
    .option('--frame <n>', 'frame index, from 0', integer(0), 0)
    .option('--pack <name>', 'model pack (see `specula packs`); default: detail')
    .option('--scale <s>', 'upscale factor the pack offers; default: its largest', integer(1, 16))
    .option('--tile <n>', 'tile core side in input pixels; default: the largest that fits --memory', integer(8, 4096))
    .option('--overlap <n>', 'cross-faded overlap between tiles in input pixels (default 8)', integer(0, 512))
    .option('--context <n>', "context around each tile in input pixels; default: the model's receptive radius, at most 24", integer(0, 512))
    .option('--memory <mb>', 'activation memory budget that picks the tile size (default 1024)', integer(64))
    .option('--alpha <a>', "fusion strength: 0 keeps the base, 1 takes all of the draft's high frequencies", decimal(0, 1))
    .option('--fc <f>', 'fusion cutoff as a fraction of Nyquist', decimal(0, 1, { exclusiveMin: true }))
    .option('--order <n>', 'Butterworth order', integer(1, 16))
    .option('--border <n>', 'reflect padding before the FFT, in output pixels', integer(0, 256))
    .addOption(new Option('--mask <kind>', 'fusion low-pass mask').choices(['butterworth', 'gaussian']))
    .addOption(new Option('--device <device>', 'where the models run').choices(['cpu', 'cuda']).default('cpu'))
    .option('--threads <n>', 'CPU threads per model run; 0 for every core', integer(0, 256))
    .option('--packs <dir>', 'folder of user packs (default: $SPECULA_PACKS or ~/.local/share/specula/packs)')
    .requiredOption('--out <dir>', 'folder for the preview files')
    .option('--json', 'print the result as JSON')
    .action(async (input: string, options: PreviewOptions) => {
      const tools = locateFfmpegTools();
      const pack = choosePack(await discoverPacks(packFolders(options.packs)), options.pack);
      const defined = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
      const job = await preparePreview(
        {
          input,
          frame: options.frame,
          pack: options.pack,
          scale: options.scale,
          engine: defined({ tile: options.tile, overlap: options.overlap, context: options.context, memoryBudgetMB: options.memory, device: options.device, threads: options.threads }),
          fusion: defined({ alpha: options.alpha, fc: options.fc, order: options.order, border: options.border, mask: options.mask }),
          outDir: options.out,
        },
        pack,
        tools,
      );
      const worker = new WorkerClient();
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
}
