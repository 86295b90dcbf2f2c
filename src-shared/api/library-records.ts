// What the API says about the library's contents: clips, renders, exports, the queue and packs.
import { z } from 'zod';
import { ClipOverridesSchema, ClipSettingsSchema, LibraryDefaultsSchema } from '../library/clip-settings.js';
import { MediaInfoSchema } from '../media/media-info.js';

export const RENDER_STATUSES = ['queued', 'running', 'paused', 'done', 'failed', 'cancelled'] as const;
export const RenderStatusSchema = z.enum(RENDER_STATUSES);
export type RenderStatus = z.infer<typeof RenderStatusSchema>;

/** A clip's state in the library grid: its latest render's status, or 'new' before any. */
export const ClipStatusSchema = z.enum(['new', ...RENDER_STATUSES]);
export type ClipStatus = z.infer<typeof ClipStatusSchema>;

export const ThumbnailStatusSchema = z.enum(['pending', 'ready', 'failed']);

export const ClipSummarySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  path: z.string(),
  size: z.number(),
  width: z.number().int(),
  height: z.number().int(),
  frames: z.number().int(),
  duration: z.number(),
  frameRate: z.string(),
  addedAt: z.string(),
  status: ClipStatusSchema,
  /** Setting keys this clip overrides. */
  overridden: z.array(z.string()),
  thumbnail: ThumbnailStatusSchema,
});
export type ClipSummary = z.infer<typeof ClipSummarySchema>;

export const ClipDetailSchema = ClipSummarySchema.extend({
  media: MediaInfoSchema,
  defaults: LibraryDefaultsSchema,
  overrides: ClipOverridesSchema,
  effective: ClipSettingsSchema,
  /** Frame index of each picture in the thumbnail strip, left to right. */
  thumbnailFrames: z.array(z.number().int()),
});
export type ClipDetail = z.infer<typeof ClipDetailSchema>;

export const RenderProgressSchema = z.object({
  stage: z.string(),
  done: z.number().int(),
  total: z.number().int(),
  fps: z.number().nullable(),
  etaSeconds: z.number().nullable(),
});
export type RenderProgress = z.infer<typeof RenderProgressSchema>;

export const RenderRecordSchema = z.object({
  id: z.number().int(),
  clipId: z.number().int(),
  clipName: z.string(),
  status: RenderStatusSchema,
  priority: z.number().int(),
  /** The settings snapshot taken when the render was queued. */
  settings: ClipSettingsSchema,
  progress: RenderProgressSchema,
  segments: z.number().int(),
  attempts: z.number().int(),
  device: z.string().nullable(),
  error: z.string().nullable(),
  queuedAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  seconds: z.number().nullable(),
  inferenceMs: z.number().nullable(),
  /** Output size in pixels. */
  width: z.number().int(),
  height: z.number().int(),
});
export type RenderRecord = z.infer<typeof RenderRecordSchema>;

export const VerificationCheckSchema = z.object({
  name: z.string(),
  expected: z.string(),
  actual: z.string(),
  ok: z.boolean(),
});

export const VerificationSchema = z.object({ ok: z.boolean(), checks: z.array(VerificationCheckSchema) });
export type Verification = z.infer<typeof VerificationSchema>;

export const ExportRecordSchema = z.object({
  id: z.number().int(),
  renderId: z.number().int(),
  clipId: z.number().int(),
  target: z.string(),
  codec: z.string(),
  crf: z.number().int(),
  preset: z.string(),
  mode: z.enum(['copy', 'encode']).nullable(),
  status: z.enum(['running', 'done', 'failed']),
  error: z.string().nullable(),
  verification: VerificationSchema.nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ExportRecord = z.infer<typeof ExportRecordSchema>;

export const QueueStateSchema = z.object({
  paused: z.boolean(),
  /** Workers per device. */
  concurrency: z.object({ cpu: z.number().int(), cuda: z.number().int(), webgpu: z.number().int() }),
  counts: z.record(RenderStatusSchema, z.number().int()),
  /** Frames done and in total over the renders that are queued, running or paused. */
  framesDone: z.number().int(),
  framesTotal: z.number().int(),
});
export type QueueState = z.infer<typeof QueueStateSchema>;

export const PackInfoSchema = z.object({
  name: z.string(),
  title: z.string().nullable(),
  origin: z.enum(['built-in', 'user']),
  /** null when the manifest cannot be read. */
  kind: z.enum(['pixel', 'latent']).nullable(),
  scales: z.array(z.number().int()),
  drafts: z.number().int(),
  status: z.enum(['ok', 'broken']),
  reason: z.string().nullable(),
});
export type PackInfo = z.infer<typeof PackInfoSchema>;

export const ImportResultSchema = z.object({
  added: z.array(ClipSummarySchema),
  /** Already in the library. */
  skipped: z.array(z.object({ path: z.string(), clipId: z.number().int() })),
  /** Not imported, with the reason (one sentence each). */
  failed: z.array(z.object({ path: z.string(), reason: z.string() })),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

export const LibraryInfoSchema = z.object({
  path: z.string(),
  schemaVersion: z.number().int(),
  clips: z.number().int(),
  renderFolder: z.string(),
});
export type LibraryInfo = z.infer<typeof LibraryInfoSchema>;
