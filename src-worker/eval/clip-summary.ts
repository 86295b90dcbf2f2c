// From per-frame values to one value per clip (the mean over its frames, as SR papers average
// per-frame PSNR and SSIM), and from clips to the overall mean (each clip counts once).
import type { FrameMetrics, MetricName, MetricSummary, RgbAndLuma } from '../../src-shared/jobs/eval-job.js';

function mean(values: number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

function meanPair(pairs: RgbAndLuma[]): RgbAndLuma {
  return { rgb: mean(pairs.map((p) => p.rgb)), y: mean(pairs.map((p) => p.y)) };
}

export function summarizeClip(perFrame: FrameMetrics[], temporalPerStep: number[], metrics: readonly MetricName[]): MetricSummary {
  const summary: MetricSummary = {};
  if (metrics.includes('psnr')) summary.psnr = meanPair(perFrame.map((f) => f.psnr!));
  if (metrics.includes('ssim')) summary.ssim = meanPair(perFrame.map((f) => f.ssim!));
  if (metrics.includes('temporal')) summary.temporal = temporalPerStep.length > 0 ? mean(temporalPerStep) : null;
  if (metrics.includes('sharpness')) summary.sharpness = mean(perFrame.map((f) => f.sharpness!));
  return summary;
}

export function meanOverClips(clips: MetricSummary[], metrics: readonly MetricName[]): MetricSummary {
  const summary: MetricSummary = {};
  if (metrics.includes('psnr')) summary.psnr = meanPair(clips.map((c) => c.psnr!));
  if (metrics.includes('ssim')) summary.ssim = meanPair(clips.map((c) => c.ssim!));
  if (metrics.includes('temporal')) {
    const measured = clips.map((c) => c.temporal).filter((t): t is number => typeof t === 'number');
    summary.temporal = measured.length > 0 ? mean(measured) : null;
  }
  if (metrics.includes('sharpness')) summary.sharpness = mean(clips.map((c) => c.sharpness!));
  return summary;
}
