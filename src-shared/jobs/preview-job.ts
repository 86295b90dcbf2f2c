// A preview job: upscale one frame with every branch of a pack and write the comparison files.
import { z } from 'zod';
import { FusionSettingsSchema } from '../fusion/fusion-settings.js';
import { PackManifestSchema } from '../packs/pack-manifest.js';
import { DeviceSchema, EngineSettingsSchema } from './engine-settings.js';

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
});

export type PreviewResult = z.infer<typeof PreviewResultSchema>;
