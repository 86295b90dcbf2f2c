import { z } from 'zod';

/**
 * The PS-SR frequency-domain update, per channel: out = base + alpha * HP(draft - base), where
 * HP = 1 - LP. fc is the low-pass cutoff as a fraction of the Nyquist frequency; order is the
 * Butterworth order (ignored by the Gaussian mask); border is the reflect padding in pixels added
 * before the FFT so the transform's wrap-around does not bleed across frame edges.
 */
export const FusionSettingsSchema = z.object({
  alpha: z.number().min(0).max(1),
  fc: z.number().gt(0).max(1),
  order: z.number().int().min(1).max(16),
  border: z.number().int().min(0).max(256),
  mask: z.enum(['butterworth', 'gaussian']),
});

export type FusionSettings = z.infer<typeof FusionSettingsSchema>;
