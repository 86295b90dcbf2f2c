// What the hosts ask of a variant whichever kind of pack it comes from: its files, its branches,
// the models that size its tiles, and how a clip is cut into calls.
import type { AnyVariant, LatentVariant, PackManifest } from './pack-manifest.js';

export function packVariants(manifest: PackManifest): AnyVariant[] {
  return manifest.variants;
}

export function findVariant(manifest: PackManifest, scale: number): AnyVariant | undefined {
  return packVariants(manifest).find((v) => v.scale === scale);
}

export function isLatentVariant(variant: AnyVariant): variant is LatentVariant {
  return 'vae_encoder' in variant;
}

/** Every file the variant names (models, conditioning tensors). */
export function variantFiles(variant: AnyVariant): string[] {
  if (!isLatentVariant(variant)) return [variant.base, ...variant.drafts].map((m) => m.file);
  const v = variant;
  const models = [v.degradation_estimator, v.vae_encoder, v.denoiser_base, v.denoiser_draft, v.vae_decoder].flatMap((m) => (m ? [m.file] : []));
  const tensors = [v.conditioning?.positive, v.conditioning?.negative].filter((f): f is string => f !== undefined);
  return [...models, ...tensors];
}

/** Branches after the base: a pixel pack's drafts, a latent pack's draft steps. */
export function draftCount(variant: AnyVariant): number {
  return isLatentVariant(variant) ? variant.scheduler.timestep_draft_list.length : variant.drafts.length;
}

/** The models whose receptive radius and activation memory size the tiles (input pixels). */
export function tiledModels(variant: AnyVariant): { receptive_radius: number; activation_bytes_per_pixel: number }[] {
  if (!isLatentVariant(variant)) return [variant.base, ...variant.drafts];
  return [variant.vae_encoder, variant.denoiser_base, ...(variant.denoiser_draft ? [variant.denoiser_draft] : []), variant.vae_decoder];
}

/** Frames per model call: more than one means the clip runs in temporal windows. */
export function framesPerCall(variant: AnyVariant): number {
  return isLatentVariant(variant) ? variant.frames : variant.base.frames;
}

/** A pack with recurrent state: windows must run in order from the clip's first frame. */
export function carriesState(variant: AnyVariant): boolean {
  return isLatentVariant(variant) && variant.denoiser_base.state.length > 0;
}
