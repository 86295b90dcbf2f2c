// An export job: join a finished render's segments, with the source's audio and subtitles, into
// one MP4 at a path the user chose.
import { z } from 'zod';
import { MediaInfoSchema } from '../media/media-info.js';
import { EncodeSettingsSchema, FrameRangeSchema } from './render-job.js';

export const ExportJobSchema = z.object({
  input: MediaInfoSchema,
  range: FrameRangeSchema,
  /** The segment files, in order. */
  segments: z.array(z.string().min(1)).min(1),
  /** How the segments were encoded; when `encode` equals it, the video is stream-copied. */
  renderEncode: EncodeSettingsSchema,
  encode: EncodeSettingsSchema,
  outPath: z.string().min(1),
  /** Replace an existing file at outPath; without it an existing file is an error. */
  overwrite: z.boolean(),
  ffmpeg: z.string().min(1),
});

export type ExportJob = z.infer<typeof ExportJobSchema>;

export const ExportResultSchema = z.object({
  outPath: z.string(),
  mode: z.enum(['copy', 'encode']),
  seconds: z.number(),
});

export type ExportResult = z.infer<typeof ExportResultSchema>;

/** Copy when the export asks for exactly what the render made. */
export function exportMode(job: Pick<ExportJob, 'encode' | 'renderEncode'>): 'copy' | 'encode' {
  const { encode: a, renderEncode: b } = job;
  return a.codec === b.codec && a.crf === b.crf && a.preset === b.preset ? 'copy' : 'encode';
}
