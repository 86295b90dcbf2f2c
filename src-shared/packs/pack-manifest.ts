// The pack.json schema. A pack is a folder holding this manifest and the ONNX files it names.
// Documented for pack authors in docs/model-packs.md; keep the two in step.
import { z } from 'zod';
import { FusionSettingsSchema } from '../fusion/fusion-settings.js';

const fileName = z
  .string()
  .min(1)
  .regex(/^[^/\\]+\.onnx$/, 'must be an .onnx file name inside the pack folder');

const ValueRangeSchema = z.union([z.tuple([z.literal(0), z.literal(1)]), z.tuple([z.literal(0), z.literal(255)])]);

export const ModelSchema = z.object({
  file: fileName,
  title: z.string().min(1),
  /** Name of the ONNX input that takes the low-resolution frame (NCHW, 3 channels). */
  input: z.string().min(1),
  /** Name of the ONNX output that holds the upscaled frame (NCHW, 3 channels). */
  output: z.string().min(1),
  /** Pixel values the model reads and writes: [0, 1] or [0, 255]; the host converts to and from 0-255. */
  range: ValueRangeSchema,
  /** Frames per call: 1 for image models. */
  frames: z.number().int().min(1).default(1),
  /** How far, in input pixels, an output pixel can see: the context a tile needs to match the whole frame. */
  receptive_radius: z.number().int().min(0),
  /** Peak activation bytes per input pixel (float32), used to pick a tile size from a memory budget. */
  activation_bytes_per_pixel: z.number().positive(),
});

export const DraftInputSchema = z.object({
  /** ONNX input name of the draft model. */
  name: z.string().min(1),
  /** What feeds it: the LR frame, the base output, or the previous branch's output (the speculative chain). */
  source: z.enum(['lr', 'base', 'previous']),
});

export const DraftSchema = ModelSchema.omit({ input: true }).extend({
  inputs: z.array(DraftInputSchema).min(1),
});

export const VariantSchema = z.object({
  scale: z.number().int().min(1).max(16),
  base: ModelSchema,
  drafts: z.array(DraftSchema).default([]),
  fusion: FusionSettingsSchema,
});

export const TileLimitsSchema = z.object({
  /** Tile sides are multiples of this (input pixels). */
  multiple: z.number().int().min(1),
  min: z.number().int().min(8),
  max: z.number().int().min(8),
});

export const PixelPackSchema = z.object({
  format: z.literal('specula-pack'),
  version: z.literal(1),
  kind: z.literal('pixel'),
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes'),
  title: z.string().min(1),
  description: z.string(),
  layout: z.literal('NCHW'),
  tile: TileLimitsSchema,
  variants: z.array(VariantSchema).min(1),
  license: z.string().min(1),
  source: z.string().min(1),
});

export const PackManifestSchema = PixelPackSchema;

export type PackManifest = z.infer<typeof PackManifestSchema>;
export type PackVariant = z.infer<typeof VariantSchema>;
export type PackModel = z.infer<typeof ModelSchema>;
export type PackDraft = z.infer<typeof DraftSchema>;
export type TileLimits = z.infer<typeof TileLimitsSchema>;
