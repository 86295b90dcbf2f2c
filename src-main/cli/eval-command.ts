// `specula eval --pred PATH [--gt PATH]`: PSNR, SSIM and temporal consistency against a ground
// truth, or sharpness alone; prints a table and writes metrics_<names>.json (docs/eval.md).
import { Command, InvalidArgumentError } from 'commander';
import { METRIC_NAMES, type EvalResult, type MetricName } from '../../src-shared/jobs/eval-job.js';
import { prepareEval } from '../eval/prepare-eval.js';
import { metricsDocument, metricsFileName, metricsFolder, writeMetricsFile, type MetricsDocument } from '../eval/metrics-file.js';
import { locateFfmpegTools } from '../media/ffmpeg-tools.js';
import { WorkerClient } from '../worker/worker-client.js';
import { integer } from './option-parsers.js';

interface EvalOptions {
  pred: string;
  gt?: string;
  metrics?: MetricName[];
  crop: number;
  out?: string;
  json?: boolean;
}

export function evalCommand(): Command {
  return new Command('eval')
    .description('measure predictions against a ground truth (PSNR, SSIM, temporal consistency) or alone (sharpness); writes metrics_<names>.json')
    .requiredOption('--pred <path>', 'the predictions: a video, an image, a folder of frames, or a folder of clips (videos or frame folders)')
    .option('--gt <path>', 'the ground truth, laid out like --pred (clips are matched by name)')
    .option('--metrics <list>', `comma-separated, from ${METRIC_NAMES.join(', ')} (default: psnr,ssim,temporal with --gt, else sharpness)`, metricList)
    .option('--crop <n>', 'pixels to shave from each border before measuring', integer(0), 0)
    .option('--out <dir>', 'folder for the metrics file (default: beside the predictions)')
    .option('--json', 'print the metrics as JSON instead of a table')
    .action(async (options: EvalOptions) => {
      const tools = locateFfmpegTools();
      const job = await prepareEval({ pred: options.pred, gt: options.gt, metrics: options.metrics, crop: options.crop }, tools);
      const folder = await metricsFolder(options.pred, options.out);
      const worker = new WorkerClient();
      let result: EvalResult;
      try {
        // On a terminal, a counter on stderr; nothing otherwise, so that output stays clean.
        const counter = process.stderr.isTTY && !options.json;
        result = (await worker.request({ type: 'eval', job }, { onProgress: (p) => counter && process.stderr.write(`\rmeasuring frame ${p.done} of ${p.total}`) })) as EvalResult;
        if (counter) process.stderr.write('\r\x1b[K');
      } finally {
        worker.close();
      }
      const document = metricsDocument({ pred: options.pred, gt: options.gt }, job, result);
      const file = await writeMetricsFile(folder, metricsFileName(job.metrics), document);
      if (options.json) console.log(JSON.stringify(document, null, 2));
      else printTable(document, file);
    });
}

function metricList(value: string): MetricName[] {
  const names = value.split(',').map((n) => n.trim().toLowerCase());
  const unknown = names.find((n) => !(METRIC_NAMES as readonly string[]).includes(n));
  if (unknown !== undefined) throw new InvalidArgumentError(`unknown metric "${unknown}"; choose from ${METRIC_NAMES.join(', ')}.`);
  return names as MetricName[];
}

function printTable(document: MetricsDocument, file: string): void {
  const columns: { title: string; value: (row: MetricsDocument['mean']) => string }[] = [];
  const decibels = (v: number): string => (v === Number.POSITIVE_INFINITY ? 'inf' : v.toFixed(2));
  if (document.metrics.includes('psnr')) columns.push({ title: 'PSNR RGB', value: (r) => decibels(r.psnr!.rgb) }, { title: 'PSNR Y', value: (r) => decibels(r.psnr!.y) });
  if (document.metrics.includes('ssim')) columns.push({ title: 'SSIM RGB', value: (r) => r.ssim!.rgb.toFixed(4) }, { title: 'SSIM Y', value: (r) => r.ssim!.y.toFixed(4) });
  if (document.metrics.includes('temporal')) columns.push({ title: 'temporal', value: (r) => (r.temporal == null ? '-' : r.temporal.toFixed(3)) });
  if (document.metrics.includes('sharpness')) columns.push({ title: 'sharpness', value: (r) => r.sharpness!.toFixed(1) });
  const rows = document.clips.map((clip) => [clip.name, String(clip.frames), ...columns.map((c) => c.value(clip))]);
  if (document.clips.length > 1) rows.push(['mean', '', ...columns.map((c) => c.value(document.mean))]);
  const header = ['clip', 'frames', ...columns.map((c) => c.title)];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  for (const cells of [header, ...rows]) console.log(line(cells));
  console.log(`wrote ${file}`);
}
