// metrics_<names>.json: what was measured, per clip (with every frame) and the mean over clips.
// Its layout is documented in docs/eval.md. JSON has no infinity, so the PSNR of identical
// pictures is written as null.
import { stat, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ClipMetrics, EvalJob, EvalResult, MetricSummary } from '../../src-shared/jobs/eval-job.js';

export interface MetricsDocument {
  pred: string;
  gt: string | null;
  metrics: EvalJob['metrics'];
  crop: number;
  clips: (ClipMetrics & { pred: string; gt: string | null; width: number; height: number })[];
  mean: MetricSummary;
}

export function metricsFileName(metrics: EvalJob['metrics']): string {
  return `metrics_${metrics.join('_')}.json`;
}

/** --out, else beside the predictions: the folder they are in, or the folder of frames itself. */
export async function metricsFolder(pred: string, out: string | undefined): Promise<string> {
  if (out !== undefined) return path.resolve(out);
  return (await stat(pred)).isDirectory() ? path.resolve(pred) : path.dirname(path.resolve(pred));
}

export function metricsDocument(paths: { pred: string; gt: string | undefined }, job: EvalJob, result: EvalResult): MetricsDocument {
  return {
    pred: path.resolve(paths.pred),
    gt: paths.gt === undefined ? null : path.resolve(paths.gt),
    metrics: job.metrics,
    crop: job.crop,
    clips: result.clips.map((clip, i) => {
      const { pred, gt, width, height } = job.clips[i]!;
      const { name, frames, ...measured } = clip;
      return { name, pred: path.resolve(pred.path), gt: gt ? path.resolve(gt.path) : null, frames, width, height, ...measured };
    }),
    mean: result.mean,
  };
}

export async function writeMetricsFile(folder: string, name: string, document: MetricsDocument): Promise<string> {
  await mkdir(folder, { recursive: true });
  const file = path.join(folder, name);
  await writeFile(file, `${JSON.stringify(document, null, 2)}\n`);
  return file;
}
