// What ffprobe says about a clip, in the form every process uses.
import { z } from 'zod';

export const ColourTagsSchema = z.object({
  primaries: z.string().nullable(),
  transfer: z.string().nullable(),
  matrix: z.string().nullable(),
  /** 'tv' (limited) or 'pc' (full), as ffmpeg names them. */
  range: z.string().nullable(),
});

export const MediaInfoSchema = z.object({
  path: z.string(),
  kind: z.enum(['image', 'video']),
  /** Display size: rotation applied, as ffmpeg's decoder applies it. */
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** Degrees clockwise the stored picture is turned for display (0, 90, 180, 270). */
  rotation: z.number().int(),
  /** Exact count of video frames (packets counted). */
  frames: z.number().int().positive(),
  /** ffprobe's avg_frame_rate and r_frame_rate, as fractions ("30000/1001"). */
  avgFrameRate: z.string(),
  realFrameRate: z.string(),
  /** The two rates differ: timestamps are irregular. */
  vfr: z.boolean(),
  /** Seconds; 0 for images. */
  duration: z.number().min(0),
  pixelFormat: z.string(),
  bitDepth: z.number().int().positive(),
  colour: ColourTagsSchema,
  audio: z.array(z.object({ index: z.number().int(), codec: z.string(), duration: z.number().nullable() })),
  subtitles: z.array(z.object({ index: z.number().int(), codec: z.string() })),
});

export type MediaInfo = z.infer<typeof MediaInfoSchema>;
export type ColourTags = z.infer<typeof ColourTagsSchema>;

/** "30000/1001" -> 29.97; 0 when the fraction is missing or empty. */
export function frameRateValue(fraction: string): number {
  const [num, den] = fraction.split('/').map(Number);
  if (!num || !Number.isFinite(num)) return 0;
  return den ? num / den : num;
}
