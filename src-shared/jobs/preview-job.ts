// A preview job: upscale one frame with every branch of a pack and write the comparison files.
import { z } from 'zod';
import { FusionSettingsSchema } from '../fusion/fusion-settings.js';
import { PackManifestSchema } from '../packs/pack-manifest.js';
import { DeviceSchema, EngineSettingsSchema } from './engine-settings.js';
import { SamplerSettingsSchema } from './sampler-settings.js';

export const PreviewJobSchema = z.object({
  input: z.object({
    path: z.string().min(1),
    kind: z.enum(['image', 'video']),
    frame: z.number().int().min(0),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
  }),
  pack: z.object({ dir: z.string().min(1), manifest: PackManifestSchema }),
  scale: z.number().int().min(1),
  engine: EngineSettingsSchema,
  fusion: FusionSettingsSchema,
  /** Latent packs only; absent means the pack's own settings. */
  sampler: SamplerSettingsSchema.optional(),
  outDir: z.string().min(1),
  ffmpeg: z.string().min(1),
});

export type PreviewJob = z.infer<typeof PreviewJobSchema>;

export const PreviewResultSchema = z.object({
  files: z.object({ lr: z.string(), base: z.string(), drafts: z.array(z.string()), fused: z.string() }),
  device: DeviceSchema,
  tiles: z.number().int(),
  tile: z.number().int(),
  context: z.number().int(),
  /** Milliseconds per stage. */
  timings: z.object({
    total: z.number(),
    decode: z.number(),
    load: z.number(),
    baseInference: z.number(),
    draftInference: z.number(),
    tiling: z.number(),
    fusion: z.number(),
    write: z.number(),
  }),
  /** Latent packs: how the sampler ran, and milliseconds per stage (drafts: one per draft step). */
  latent: z
    .object({
      timestep: z.number().int(),
      draftTimesteps: z.array(z.number().int()),
      degradation: z.number().nullable(),
      seed: z.number().int(),
      stages: z.object({ estimate: z.number(), encode: z.number(), base: z.number(), drafts: z.array(z.number()), decode: z.number() }),
    })
    .optional(),
});

export type PreviewResult = z.infer<typeof PreviewResultSchema>;
