// A render job: one clip through a pack into an MP4, written in resumable segments.
import { z } from 'zod';
import { FusionSettingsSchema } from '../fusion/fusion-settings.js';
import { MediaInfoSchema } from '../media/media-info.js';
import { PackManifestSchema } from '../packs/pack-manifest.js';
import { DeviceSchema, EngineSettingsSchema } from './engine-settings.js';
import { SamplerSettingsSchema } from './sampler-settings.js';

export const CODECS = ['h264', 'h265'] as const;
export const PRESETS = ['ultrafast', 'superfast', 'veryfast', 'faster', 'fast', 'medium', 'slow', 'slower', 'veryslow'] as const;

export const EncodeSettingsSchema = z.object({
  codec: z.enum(CODECS),
  /** Constant rate factor: lower is better and bigger (x264/x265 scale, 0-51). */
  crf: z.number().int().min(0).max(51),
  preset: z.enum(PRESETS),
});

export type EncodeSettings = z.infer<typeof EncodeSettingsSchema>;

export const DEFAULT_ENCODE_SETTINGS: EncodeSettings = { codec: 'h264', crf: 18, preset: 'medium' };

/** Temporal windows for multi-frame packs, in frames (the PS-SR defaults). */
export const WindowSettingsSchema = z.object({ t: z.number().int().min(1), overlap: z.number().int().min(0) });
export type WindowSettings = z.infer<typeof WindowSettingsSchema>;
export const DEFAULT_WINDOW_SETTINGS: WindowSettings = { t: 33, overlap: 16 };

/** Frames [start, end) of the clip: the whole clip, or its trim. */
export const FrameRangeSchema = z
  .object({ start: z.number().int().min(0), end: z.number().int().min(1) })
  .refine((r) => r.end > r.start, 'the range must hold at least one frame');
export type FrameRange = z.infer<typeof FrameRangeSchema>;

export const SegmentRecordSchema = z.object({
  index: z.number().int().min(0),
  /** First frame of the range in this segment, counted from the range's start. */
  start: z.number().int().min(0),
  frames: z.number().int().min(1),
  /** File name inside the render's work folder. */
  file: z.string().min(1),
});
export type SegmentRecord = z.infer<typeof SegmentRecordSchema>;

export const RenderJobSchema = z.object({
  input: MediaInfoSchema,
  range: FrameRangeSchema,
  pack: z.object({ dir: z.string().min(1), manifest: PackManifestSchema }),
  scale: z.number().int().min(1),
  engine: EngineSettingsSchema,
  fusion: FusionSettingsSchema,
  /** Latent packs only; absent means the pack's own settings. */
  sampler: SamplerSettingsSchema.optional(),
  window: WindowSettingsSchema,
  encode: EncodeSettingsSchema,
  /**
   * The finished MP4; it appears only when complete (written under a temporary name, then renamed).
   * null keeps the segments in workDir instead, for an export to join later (the library's way).
   */
  outPath: z.string().min(1).nullable(),
  /** Segments and their manifest; a rerun with the same settings resumes from here. */
  workDir: z.string().min(1),
  /** Frames per segment (each segment is one closed GOP). */
  segmentFrames: z.number().int().min(1),
  ffmpeg: z.string().min(1),
});

export type RenderJob = z.infer<typeof RenderJobSchema>;

/** The pack, scale and engine of a render: what its models are opened on (and a `warm` names). */
export type RenderTarget = Pick<RenderJob, 'pack' | 'scale' | 'engine'>;

export const RenderResultSchema = z.object({
  outPath: z.string().nullable(),
  frames: z.number().int(),
  width: z.number().int(),
  height: z.number().int(),
  device: DeviceSchema,
  /** Segment indexes encoded by this run, and those reused from an earlier interrupted run. */
  segmentsEncoded: z.array(z.number().int()),
  segmentsReused: z.array(z.number().int()),
  /** Every segment of the render, in order (what an export joins). */
  segments: z.array(SegmentRecordSchema),
  seconds: z.number(),
  /** Milliseconds inside onnxruntime's run(), all models together. */
  inferenceMs: z.number(),
});

export type RenderResult = z.infer<typeof RenderResultSchema>;
