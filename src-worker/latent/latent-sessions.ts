// Opens a latent variant's models on the requested device (one CUDA fallback notice at most) and
// reads its conditioning tensors.
import path from 'node:path';
import type { LatentVariant } from '../../src-shared/packs/pack-manifest.js';
import { openSession, type Device, type ExecutionRequest } from '../inference/execution.js';
import { LatentModel } from './latent-model.js';
import { readNpy, type NpyTensor } from './npy-file.js';

export interface LatentSessions {
  device: Device;
  encoder: LatentModel;
  base: LatentModel;
  draft: LatentModel | null;
  decoder: LatentModel;
  estimator: LatentModel | null;
  positive: NpyTensor | null;
  negative: NpyTensor | null;
  release(): Promise<void>;
}

export async function openLatentSessions(packDir: string, variant: LatentVariant, request: ExecutionRequest, notice: (message: string) => void): Promise<LatentSessions> {
  const opened: LatentModel[] = [];
  let device = request.device;
  const open = async (file: string): Promise<LatentModel> => {
    // Once CUDA failed, the other models go straight to CPU with no second notice.
    const session = await openSession(path.join(packDir, file), { ...request, device }, notice);
    device = session.device;
    const model = new LatentModel(session.session, file);
    opened.push(model);
    return model;
  };
  try {
    const encoder = await open(variant.vae_encoder.file);
    const base = await open(variant.denoiser_base.file);
    const draft = variant.denoiser_draft ? await open(variant.denoiser_draft.file) : null;
    const decoder = await open(variant.vae_decoder.file);
    const estimator = variant.degradation_estimator ? await open(variant.degradation_estimator.file) : null;
    const tensor = (file: string | undefined): Promise<NpyTensor | null> => (file ? readNpy(path.join(packDir, file)) : Promise.resolve(null));
    const [positive, negative] = await Promise.all([tensor(variant.conditioning?.positive), tensor(variant.conditioning?.negative)]);
    return { device, encoder, base, draft, decoder, estimator, positive, negative, release: () => Promise.all(opened.map((m) => m.release())).then(() => undefined) };
  } catch (error) {
    await Promise.all(opened.map((m) => m.release()));
    throw error;
  }
}
