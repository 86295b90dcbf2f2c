// An eval job: measure predicted clips against their ground truth (PSNR, SSIM, temporal
// consistency) or alone (sharpness). The worker decodes and measures; only numbers come back.
// The metrics are defined in docs/eval.md.
import { z } from 'zod';
import { MediaInfoSchema } from '../media/media-info.js';

export const METRIC_NAMES = ['psnr', 'ssim', 'temporal', 'sharpness'] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

/** Metrics that compare the prediction with a ground truth. */
export const FULL_REFERENCE_METRICS: readonly MetricName[] = ['psnr', 'ssim', 'temporal'];

/** One side of a clip: a video or a single image (one file), or images in order (a folder). */
export const EvalSourceSchema = z.object({
  /** What the user named: the file, or the folder of frames. */
  path: z.string().min(1),
  /** Decoded one after another; their frames make the clip. */
  files: z.array(MediaInfoSchema).min(1),
});

export const EvalClipSchema = z.object({
  name: z.string().min(1),
  pred: EvalSourceSchema,
  gt: EvalSourceSchema.nullable(),
  frames: z.number().int().positive(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});

export const EvalJobSchema = z.object({
  clips: z.array(EvalClipSchema).min(1),
  metrics: z.array(z.enum(METRIC_NAMES)).min(1),
  /** Pixels shaved from each border before measuring. */
  crop: z.number().int().min(0),
  ffmpeg: z.string().min(1),
});

export type EvalSource = z.infer<typeof EvalSourceSchema>;
export type EvalClip = z.infer<typeof EvalClipSchema>;
export type EvalJob = z.infer<typeof EvalJobSchema>;

// Results are plain numbers; PSNR is Infinity for identical pictures (JSON writes it as null).

/** A value measured on RGB (all three channels) and on BT.601 luma. */
export interface RgbAndLuma {
  rgb: number;
  y: number;
}

export interface FrameMetrics {
  psnr?: RgbAndLuma;
  ssim?: RgbAndLuma;
  sharpness?: number;
}

export interface MetricSummary {
  psnr?: RgbAndLuma;
  ssim?: RgbAndLuma;
  /** null for a single frame: there is no frame-to-frame change to compare. */
  temporal?: number | null;
  sharpness?: number;
}

export interface ClipMetrics extends MetricSummary {
  name: string;
  frames: number;
  perFrame: FrameMetrics[];
  /** One value per pair of consecutive frames (frames - 1 of them). */
  temporalPerStep?: number[];
}

export interface EvalResult {
  clips: ClipMetrics[];
  /** Each clip counts once, whatever its length. */
  mean: MetricSummary;
}
