// What the API says about previews, source frames, the environment a page runs in, and the files
// the pages show. Pictures travel as media references: paths under the library's media route
// ("previews/clip-3-…/base.png"), which each transport turns into an address it serves.
import { z } from 'zod';
import { FusionSettingsSchema } from '../fusion/fusion-settings.js';
import { DeviceSchema } from '../jobs/engine-settings.js';

/** A file the library owns, relative to the media route: thumbnails/, previews/, frames/, clips/. */
export const MediaRefSchema = z.string().regex(/^(thumbnails|previews|frames|clips)\/[A-Za-z0-9/._-]+$/);
export type MediaRef = z.infer<typeof MediaRefSchema>;

/** A preview's id: its folder, named after the clip and every setting that changes the models' output. */
export const PreviewIdSchema = z.string().regex(/^clip-\d+-[0-9a-f]{16}$/, 'must be a preview id from previewFrame');

export const PreviewRecordSchema = z.object({
  id: PreviewIdSchema,
  clipId: z.number().int(),
  frame: z.number().int(),
  pack: z.string(),
  scale: z.number().int(),
  device: DeviceSchema,
  /** The upscaled size, and the source's. */
  width: z.number().int(),
  height: z.number().int(),
  sourceWidth: z.number().int(),
  sourceHeight: z.number().int(),
  images: z.object({
    /** The source frame scaled by ffmpeg's bicubic filter: what the result is compared against. */
    source: MediaRefSchema,
    base: MediaRefSchema,
    drafts: z.array(MediaRefSchema),
    fused: MediaRefSchema,
  }),
  /** The fusion `fused` was made with: the clip's settings, the pack's values where they are unset. */
  fusion: FusionSettingsSchema,
  /** The models' outputs came from the cache: no model ran for this call. */
  cached: z.boolean(),
  /** Milliseconds this call took, and what the models took when they ran. */
  ms: z.number(),
  inferenceMs: z.number().nullable(),
});
export type PreviewRecord = z.infer<typeof PreviewRecordSchema>;

export const RefusedPreviewSchema = z.object({
  previewId: PreviewIdSchema,
  fused: MediaRefSchema,
  fusion: FusionSettingsSchema,
  /** Milliseconds in the worker: fusing, and writing the picture. */
  fuseMs: z.number(),
  writeMs: z.number(),
});
export type RefusedPreview = z.infer<typeof RefusedPreviewSchema>;

export const PreviewProgressSchema = z.object({ clipId: z.number().int(), frame: z.number().int(), stage: z.string(), done: z.number().int(), total: z.number().int() });
export type PreviewProgress = z.infer<typeof PreviewProgressSchema>;

/** One source frame, decoded exactly (by index), for the playhead. */
export const ClipFrameSchema = z.object({ clipId: z.number().int(), frame: z.number().int(), image: MediaRefSchema, width: z.number().int(), height: z.number().int() });
export type ClipFrame = z.infer<typeof ClipFrameSchema>;

export const CHOOSE_PURPOSES = ['clips-folder', 'clip-files', 'export-folder', 'pack-folder'] as const;
export type ChoosePurpose = (typeof CHOOSE_PURPOSES)[number];

export const EnvironmentSchema = z.object({
  /** The app has native file dialogs and drops; a browser types paths instead. */
  nativeDialogs: z.boolean(),
  /** Folders paths may be in (`specula serve --allow`); empty when any chosen path is allowed. */
  allowedFolders: z.array(z.string()),
  /** Where imported packs are copied. */
  packsFolder: z.string(),
  platform: z.string(),
});
export type Environment = z.infer<typeof EnvironmentSchema>;
