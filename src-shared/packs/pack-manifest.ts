// The pack.json schema. A pack is a folder holding this manifest and the files it names: a pixel
// pack's models map frames to upscaled frames; a latent pack's models are the parts of a latent
// diffusion sampler that the host runs (docs/model-packs.md, the tensor contract). Documented for
// pack authors in docs/model-packs.md; keep the two in step.
import { z } from 'zod';
import { FusionSettingsSchema } from '../fusion/fusion-settings.js';
import { checkLatentPack, checkLatentVariant } from './latent-checks.js';

const fileName = z
  .string()
  .min(1)
  .regex(/^[^/\\]+\.onnx$/, 'must be an .onnx file name inside the pack folder');

const tensorFileName = z
  .string()
  .min(1)
  .regex(/^[^/\\]+\.npy$/, 'must be a .npy file name inside the pack folder');

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

const packName = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes');

export const PixelPackSchema = z.object({
  format: z.literal('specula-pack'),
  version: z.literal(1),
  kind: z.literal('pixel'),
  name: packName,
  title: z.string().min(1),
  description: z.string(),
  layout: z.literal('NCHW'),
  tile: TileLimitsSchema,
  variants: z.array(VariantSchema).min(1),
  license: z.string().min(1),
  source: z.string().min(1),
});

// ---- latent packs ----

/** Pixel values a latent pack's encoder reads, decoder writes or estimator reads; [-1, 1] is the usual VAE range. */
const LatentValueRangeSchema = z.union([ValueRangeSchema, z.tuple([z.literal(-1), z.literal(1)])]);

/** Sizes every latent-pack model states, in input (low-resolution) pixels, for tile planning. */
const tileCost = {
  receptive_radius: z.number().int().min(0),
  activation_bytes_per_pixel: z.number().positive(),
};

const VaeSchema = z.object({
  file: fileName,
  title: z.string().min(1),
  input: z.string().min(1),
  output: z.string().min(1),
  /** Encoder: pixel values it reads; decoder: pixel values it writes. */
  range: LatentValueRangeSchema,
  /** Pixels per latent pixel along each side: the encoder divides by it, the decoder multiplies. */
  spatial_factor: z.number().int().min(1).max(64),
  /** Frames per latent frame. */
  temporal_factor: z.number().int().min(1).max(16).default(1),
  ...tileCost,
});

export const VaeEncoderSchema = VaeSchema.extend({
  latent_channels: z.number().int().min(1),
});

export const TimestepInputSchema = z.object({
  name: z.string().min(1),
  dtype: z.enum(['float32', 'int64']).default('float32'),
});

const DenoiserSchema = z.object({
  file: fileName,
  title: z.string().min(1),
  /** Input taking the noisy latent. */
  latent: z.string().min(1),
  timestep: TimestepInputSchema,
  /** Input taking the conditioning tensor (the pack's conditioning files); absent for unconditioned models. */
  conditioning: z.string().min(1).optional(),
  /** Output holding the prediction (epsilon, v or flow velocity, as the scheduler says). */
  output: z.string().min(1),
  ...tileCost,
});

export const RecurrentStateSchema = z.object({
  input: z.string().min(1),
  output: z.string().min(1),
  /** The state is [1, channels, h, w] on the tile's latent grid; zeros at a clip's start. */
  channels: z.number().int().min(1),
});

export const BaseDenoiserSchema = DenoiserSchema.extend({
  /** Outputs the host keeps from the base step for the draft steps. */
  features: z.array(z.string().min(1)).default([]),
  /** Tensors handed from each temporal window to the next. */
  state: z.array(RecurrentStateSchema).default([]),
});

export const DraftFeatureSchema = z.object({
  /** Input of the draft model. */
  input: z.string().min(1),
  /** The base output (listed in denoiser_base.features) that feeds it. */
  from: z.string().min(1),
});

export const DraftDenoiserSchema = DenoiserSchema.extend({
  features: z.array(DraftFeatureSchema).default([]),
});

export const EstimatorSchema = z.object({
  file: fileName,
  title: z.string().min(1),
  /** Takes the whole low-resolution frame, [1, 3, H, W]. */
  input: z.string().min(1),
  /** The degradation d in [0, 1], one value. */
  output: z.string().min(1),
  range: LatentValueRangeSchema,
});

export const ConditioningSchema = z.object({
  /** The precomputed prompt embedding, float32 .npy, fed as it is. */
  positive: tensorFileName,
  /** The negative embedding for classifier-free guidance. */
  negative: tensorFileName.optional(),
});

const schedulerCommon = {
  num_train_timesteps: z.number().int().min(2).max(100000).default(1000),
  /** Where the base step starts, 0 <= t < num_train_timesteps. */
  timestep_base: z.number().int().min(0),
  /** The draft steps, each below the one before. */
  timestep_draft_list: z.array(z.number().int().min(0)).default([]),
  /** Classifier-free guidance: negative + cfg_scale * (positive - negative); 1 runs the positive only. */
  cfg_scale: z.number().min(0).max(100).default(1),
  /** Seed of the noise that brings the latent to timestep_base. */
  seed: z.number().int().min(0).max(2 ** 32 - 1).default(0),
};

export const FlowMatchingSchedulerSchema = z.object({
  type: z.literal('flow_matching'),
  /** Wan2.1's timestep shift: sigma = shift * s / (1 + (shift - 1) * s), s = t / num_train_timesteps. */
  shift: z.number().positive().default(1),
  ...schedulerCommon,
});

export const DdpmSchedulerSchema = z.object({
  type: z.literal('ddpm'),
  prediction: z.enum(['epsilon', 'v_prediction']),
  beta_schedule: z.enum(['linear', 'scaled_linear', 'squaredcos_cap_v2']).default('scaled_linear'),
  beta_start: z.number().positive().max(1).default(0.00085),
  beta_end: z.number().positive().max(1).default(0.012),
  ...schedulerCommon,
});

export const SchedulerSchema = z.discriminatedUnion('type', [FlowMatchingSchedulerSchema, DdpmSchedulerSchema]);

export const LatentVariantSchema = z
  .object({
    /** Output pixels per input pixel: upsample x vae_decoder.spatial_factor / vae_encoder.spatial_factor. */
    scale: z.number().int().min(1).max(16),
    /** Frames per call (a temporal window); 1 for image packs. */
    frames: z.number().int().min(1).default(1),
    /** The LR window is upscaled by this (bicubic) before the encoder; 1 encodes the raw LR window. */
    upsample: z.number().int().min(1).max(16).default(1),
    vae_encoder: VaeEncoderSchema,
    vae_decoder: VaeSchema,
    denoiser_base: BaseDenoiserSchema,
    denoiser_draft: DraftDenoiserSchema.optional(),
    conditioning: ConditioningSchema.optional(),
    degradation_estimator: EstimatorSchema.optional(),
    scheduler: SchedulerSchema,
    fusion: FusionSettingsSchema,
  })
  .superRefine(checkLatentVariant);

export const LatentPackSchema = z
  .object({
    format: z.literal('specula-pack'),
    version: z.literal(1),
    kind: z.literal('latent'),
    name: packName,
    title: z.string().min(1),
    description: z.string(),
    /** NCHW: image packs, 4-D tensors. NCTHW: video packs, 5-D tensors [1, C, T, H, W]. */
    layout: z.enum(['NCHW', 'NCTHW']),
    tile: TileLimitsSchema,
    variants: z.array(LatentVariantSchema).min(1),
    license: z.string().min(1),
    source: z.string().min(1),
  })
  .superRefine(checkLatentPack);

export const PackManifestSchema = z.discriminatedUnion('kind', [PixelPackSchema, LatentPackSchema]);

export type PackManifest = z.infer<typeof PackManifestSchema>;
export type PixelPackManifest = z.infer<typeof PixelPackSchema>;
export type LatentPackManifest = z.infer<typeof LatentPackSchema>;
/** A pixel pack's variant. */
export type PackVariant = z.infer<typeof VariantSchema>;
export type LatentVariant = z.infer<typeof LatentVariantSchema>;
export type AnyVariant = PackVariant | LatentVariant;
export type PackModel = z.infer<typeof ModelSchema>;
export type PackDraft = z.infer<typeof DraftSchema>;
export type TileLimits = z.infer<typeof TileLimitsSchema>;
export type Scheduler = z.infer<typeof SchedulerSchema>;
export type LatentValueRange = z.infer<typeof LatentValueRangeSchema>;
