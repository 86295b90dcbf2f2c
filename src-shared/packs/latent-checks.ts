// The rules of a latent pack that one field alone cannot state: timesteps in range and in order,
// features the base really lists, conditioning for cfg, factors that give the declared scale.
// Each message completes "pack.json field <path> is wrong: ..." as one sentence a pack author can
// act on. The types are structural so that the schema can use these checks without a cycle.
import type { RefinementCtx } from 'zod';

interface Denoiser {
  conditioning?: string | undefined;
}

interface VariantShape {
  scale: number;
  frames: number;
  upsample: number;
  vae_encoder: { spatial_factor: number; temporal_factor: number };
  vae_decoder: { spatial_factor: number; temporal_factor: number };
  denoiser_base: Denoiser & { features: string[] };
  denoiser_draft?: (Denoiser & { features: { input: string; from: string }[] }) | undefined;
  conditioning?: { positive: string; negative?: string | undefined } | undefined;
  scheduler: { num_train_timesteps: number; timestep_base: number; timestep_draft_list: number[]; cfg_scale: number };
}

interface PackShape {
  layout: 'NCHW' | 'NCTHW';
  tile: { multiple: number };
  variants: VariantShape[];
}

export function checkLatentVariant(v: VariantShape, ctx: RefinementCtx): void {
  const issue = (path: (string | number)[], message: string): void => ctx.addIssue({ code: 'custom', path, message });
  const { scheduler: s } = v;
  if (s.timestep_base >= s.num_train_timesteps) issue(['scheduler', 'timestep_base'], `must be below num_train_timesteps (${s.num_train_timesteps})`);
  s.timestep_draft_list.forEach((t, k) => {
    const before = k === 0 ? s.timestep_base : s.timestep_draft_list[k - 1]!;
    if (t >= before) issue(['scheduler', 'timestep_draft_list', k], `must be below ${before}, the timestep before it (draft steps go from timestep_base towards 0)`);
  });
  if (s.timestep_draft_list.length > 0 && !v.denoiser_draft) {
    issue(['denoiser_draft'], `is missing, but scheduler.timestep_draft_list has ${s.timestep_draft_list.length} timestep(s)`);
  }
  v.denoiser_draft?.features.forEach((f, k) => {
    if (!v.denoiser_base.features.includes(f.from)) {
      issue(['denoiser_draft', 'features', k, 'from'], `names "${f.from}", which denoiser_base.features does not list (it lists: ${v.denoiser_base.features.join(', ') || 'nothing'})`);
    }
  });
  const conditioned = [v.denoiser_base, v.denoiser_draft].some((d) => d?.conditioning !== undefined);
  if (conditioned && !v.conditioning) issue(['conditioning'], 'is missing, but a denoiser takes a conditioning input');
  if (s.cfg_scale !== 1) {
    if (!conditioned) issue(['scheduler', 'cfg_scale'], 'must be 1 when no denoiser takes a conditioning input');
    else if (!v.conditioning?.negative) issue(['conditioning', 'negative'], `is missing, but cfg_scale ${s.cfg_scale} needs a negative embedding`);
  }
  const enc = v.vae_encoder;
  const dec = v.vae_decoder;
  if (v.scale * enc.spatial_factor !== v.upsample * dec.spatial_factor) {
    const implied = (v.upsample * dec.spatial_factor) / enc.spatial_factor;
    issue(['scale'], `must be upsample (${v.upsample}) x vae_decoder.spatial_factor (${dec.spatial_factor}) / vae_encoder.spatial_factor (${enc.spatial_factor}) = ${implied}`);
  }
  if (dec.temporal_factor !== enc.temporal_factor) {
    issue(['vae_decoder', 'temporal_factor'], `must equal vae_encoder.temporal_factor (${enc.temporal_factor}), so that every frame comes back`);
  }
  if (v.frames % enc.temporal_factor !== 0) issue(['frames'], `must be a multiple of vae_encoder.temporal_factor (${enc.temporal_factor})`);
}

export function checkLatentPack(pack: PackShape, ctx: RefinementCtx): void {
  pack.variants.forEach((v, i) => {
    if (pack.layout === 'NCHW' && v.frames > 1) {
      ctx.addIssue({ code: 'custom', path: ['variants', i, 'frames'], message: 'must be 1 in an NCHW pack (multi-frame packs use layout NCTHW)' });
    }
    const pixels = pack.tile.multiple * v.upsample;
    if (pixels % v.vae_encoder.spatial_factor !== 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['tile', 'multiple'],
        message: `must put tiles on the latent grid: multiple x upsample (${pixels}) is not a multiple of vae_encoder.spatial_factor (${v.vae_encoder.spatial_factor})`,
      });
    }
  });
}
