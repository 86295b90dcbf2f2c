import { z } from 'zod';

/**
 * Per-clip choices for latent packs; null leaves them to the pack. `timestep` starts the sampler
 * there instead of at the pack's timestep_base or its degradation estimate; `seed` replaces the
 * pack's noise seed.
 */
export const SamplerSettingsSchema = z.object({
  timestep: z.number().int().min(0).nullable(),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .nullable(),
});

export type SamplerSettings = z.infer<typeof SamplerSettingsSchema>;

export const DEFAULT_SAMPLER_SETTINGS: SamplerSettings = { timestep: null, seed: null };
