// Turns "measure these predictions (against this ground truth)" into a checked eval job: the
// metrics exist and fit the inputs, every prediction has its ground truth, and each pair has
// the same size and frame count. Everything a user can get wrong is caught here.
import { FULL_REFERENCE_METRICS, METRIC_NAMES, type EvalClip, type EvalJob, type EvalSource, type MetricName } from '../../src-shared/jobs/eval-job.js';
import { UserError } from '../../src-shared/user-error.js';
import type { FfmpegTools } from '../media/ffmpeg-tools.js';
import { collectEvalSources, type NamedSource } from './eval-inputs.js';

export interface EvalRequest {
  pred: string;
  gt?: string | undefined;
  /** Default: psnr, ssim and temporal with a ground truth, sharpness without. */
  metrics?: MetricName[] | undefined;
  crop: number;
}

/** The smallest picture every metric can measure (SSIM's 8x8 window). */
const MIN_SIDE = 8;

/**
 * The metrics asked for, in one order whatever the order asked (so the file name is the same for
 * the same metrics). By default: psnr and ssim with a ground truth, temporal too when some clip has
 * more than one frame; sharpness without a ground truth.
 */
export function chooseMetrics(asked: MetricName[] | undefined, hasGroundTruth: boolean, moving: boolean): MetricName[] {
  const metrics = asked ?? (hasGroundTruth ? FULL_REFERENCE_METRICS.filter((m) => m !== 'temporal' || moving) : ['sharpness']);
  const needsGt = metrics.filter((m) => FULL_REFERENCE_METRICS.includes(m));
  if (!hasGroundTruth && needsGt.length > 0) {
    throw new UserError(`${needsGt.join(', ')} compare${needsGt.length === 1 ? 's' : ''} with a ground truth: give --gt, or ask for --metrics sharpness alone.`);
  }
  return METRIC_NAMES.filter((m) => metrics.includes(m));
}

export async function prepareEval(request: EvalRequest, tools: FfmpegTools): Promise<EvalJob> {
  // Asking for psnr without --gt is refused before anything is probed.
  if (request.gt === undefined) chooseMetrics(request.metrics, false, false);
  const preds = await collectEvalSources(tools.ffprobe, request.pred);
  const gts = request.gt !== undefined ? await collectEvalSources(tools.ffprobe, request.gt) : null;
  const clips = preds.map((pred) => pairClip(pred, gts && groundTruthFor(pred, preds.length, gts, request.gt!), request.crop));
  const metrics = chooseMetrics(request.metrics, gts !== null, clips.some((c) => c.frames > 1));
  return { clips, metrics, crop: request.crop, ffmpeg: tools.ffmpeg };
}

function groundTruthFor(pred: NamedSource, predCount: number, gts: NamedSource[], gtPath: string): NamedSource {
  if (predCount === 1 && gts.length === 1) return gts[0]!;
  const gt = gts.find((g) => g.name === pred.name);
  if (!gt) throw new UserError(`${gtPath} has no clip named "${pred.name}" to compare ${pred.source.path} with; name each prediction after its ground-truth clip.`);
  return gt;
}

function pairClip(pred: NamedSource, gt: NamedSource | null, crop: number): EvalClip {
  const size = sizeOf(pred.source);
  if (gt) {
    const gtSize = sizeOf(gt.source);
    if (size.width !== gtSize.width || size.height !== gtSize.height) {
      throw new UserError(`${pred.source.path} is ${size.width}x${size.height} but its ground truth ${gt.source.path} is ${gtSize.width}x${gtSize.height}; a prediction must be the size of its ground truth.`);
    }
    if (size.frames !== gtSize.frames) {
      throw new UserError(`${pred.source.path} has ${size.frames} frame(s) but its ground truth ${gt.source.path} has ${gtSize.frames}; they must have the same number of frames.`);
    }
  }
  if (size.width - 2 * crop < MIN_SIDE || size.height - 2 * crop < MIN_SIDE) {
    throw new UserError(`--crop ${crop} leaves less than ${MIN_SIDE}x${MIN_SIDE} pixels of ${pred.source.path} (${size.width}x${size.height}); use a smaller crop.`);
  }
  return { name: pred.name, pred: pred.source, gt: gt?.source ?? null, ...size };
}

function sizeOf(source: EvalSource): { frames: number; width: number; height: number } {
  const [first] = source.files;
  return { frames: source.files.reduce((sum, f) => sum + f.frames, 0), width: first!.width, height: first!.height };
}
