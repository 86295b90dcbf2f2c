// The generated latent packs that several tests run (tools/latent-packs builds them).
import type { LatentPackOptions } from '../../tools/latent-packs/write-latent-pack.js';

/** FastVSR's shape: raw LR into an f8 encoder, an f16 decoder (x2); flow matching, cfg, DRS. */
export const ASYMMETRIC_PACK: LatentPackOptions = {
  name: 'latent-f8-f16',
  encoderFactor: 8,
  decoderFactor: 16,
  estimator: true,
  scheduler: { type: 'flow_matching', shift: 3, timestep_base: 699, timestep_draft_list: [599, 499, 399], cfg_scale: 2 },
};

/** A video pack (NCTHW, 4-frame windows) whose base hands recurrent state to the next window. */
export const RECURRENT_PACK: LatentPackOptions = {
  name: 'latent-recurrent',
  layout: 'NCTHW',
  frames: 4,
  encoderFactor: 4,
  decoderFactor: 8,
  stateChannels: 4,
  scheduler: { type: 'ddpm', prediction: 'v_prediction', beta_schedule: 'linear', beta_start: 0.0001, beta_end: 0.02, timestep_base: 600, timestep_draft_list: [400], seed: 5 },
};
