// The settings a clip is rendered with. The library holds defaults for every clip; a clip holds
// only the values it overrides, so changing a default reaches every clip that did not override it.
import { z } from 'zod';
import { DEFAULT_ENGINE_SETTINGS, DeviceSchema } from '../jobs/engine-settings.js';
import { CODECS, DEFAULT_ENCODE_SETTINGS, DEFAULT_WINDOW_SETTINGS, PRESETS } from '../jobs/render-job.js';
import { DEFAULT_SAMPLER_SETTINGS, SamplerSettingsSchema } from '../jobs/sampler-settings.js';
import { DEFAULT_PACK } from '../packs/default-pack.js';

export const ClipSettingsSchema = z.strictObject({
  pack: z.string().min(1),
  /** null: the pack's largest scale. */
  scale: z.number().int().min(1).max(16).nullable(),
  device: DeviceSchema,
  /** CPU threads per model run; 0 for every core. */
  threads: z.number().int().min(0).max(256),
  /** Tile core side in input pixels; null picks the largest that fits memoryBudgetMB. */
  tile: z.number().int().min(8).max(4096).nullable(),
  overlap: z.number().int().min(0).max(512),
  /** null: the model's receptive radius, capped. */
  context: z.number().int().min(0).max(512).nullable(),
  memoryBudgetMB: z.number().int().min(64).max(1_048_576),
  /** Temporal windows for multi-frame packs. */
  windowT: z.number().int().min(1).max(1024),
  overlapT: z.number().int().min(0).max(1023),
  /** Fusion; null takes the pack's own value. */
  alpha: z.number().min(0).max(1).nullable(),
  fc: z.number().gt(0).max(1).nullable(),
  order: z.number().int().min(1).max(16).nullable(),
  border: z.number().int().min(0).max(256).nullable(),
  mask: z.enum(['butterworth', 'gaussian']).nullable(),
  /** Latent packs: the start timestep (null: the pack's, or its degradation estimate) and the noise seed (null: the pack's). */
  timestep: SamplerSettingsSchema.shape.timestep,
  seed: SamplerSettingsSchema.shape.seed,
  codec: z.enum(CODECS),
  crf: z.number().int().min(0).max(51),
  preset: z.enum(PRESETS),
  /** First frame rendered. */
  trimIn: z.number().int().min(0),
  /** The frame after the last one rendered; null: the clip's end. */
  trimOut: z.number().int().min(1).nullable(),
});

export type ClipSettings = z.infer<typeof ClipSettingsSchema>;
export type ClipSettingKey = keyof ClipSettings;
export const CLIP_SETTING_KEYS = Object.keys(ClipSettingsSchema.shape) as ClipSettingKey[];

/** Library-wide defaults: everything but the trim, which only makes sense per clip. */
export const LibraryDefaultsSchema = ClipSettingsSchema.omit({ trimIn: true, trimOut: true });
export type LibraryDefaults = z.infer<typeof LibraryDefaultsSchema>;
export const LibraryDefaultsPatchSchema = LibraryDefaultsSchema.partial();
export type LibraryDefaultsPatch = z.infer<typeof LibraryDefaultsPatchSchema>;

/** What a clip overrides. */
export const ClipOverridesSchema = ClipSettingsSchema.partial();
export type ClipOverrides = z.infer<typeof ClipOverridesSchema>;

export const DEFAULT_LIBRARY_DEFAULTS: LibraryDefaults = {
  pack: DEFAULT_PACK,
  scale: null,
  device: DEFAULT_ENGINE_SETTINGS.device,
  threads: DEFAULT_ENGINE_SETTINGS.threads,
  tile: DEFAULT_ENGINE_SETTINGS.tile,
  overlap: DEFAULT_ENGINE_SETTINGS.overlap,
  context: DEFAULT_ENGINE_SETTINGS.context,
  memoryBudgetMB: DEFAULT_ENGINE_SETTINGS.memoryBudgetMB,
  windowT: DEFAULT_WINDOW_SETTINGS.t,
  overlapT: DEFAULT_WINDOW_SETTINGS.overlap,
  alpha: null,
  fc: null,
  order: null,
  border: null,
  mask: null,
  ...DEFAULT_SAMPLER_SETTINGS,
  ...DEFAULT_ENCODE_SETTINGS,
};

export function effectiveSettings(defaults: LibraryDefaults, overrides: ClipOverrides): ClipSettings {
  return { ...defaults, trimIn: 0, trimOut: null, ...overrides };
}
