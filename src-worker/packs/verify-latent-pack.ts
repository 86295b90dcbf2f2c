// The checks only onnxruntime can make on a latent pack: every model loads and has the inputs and
// outputs pack.json names (the base really produces the features the draft takes), the
// conditioning tensors read, and a probe frame goes through the whole sampler (estimator, encoder,
// base, each draft step, decoder) and comes back at the declared scale. Returns a reason, or null.
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { DEFAULT_SAMPLER_SETTINGS } from '../../src-shared/jobs/sampler-settings.js';
import type { LatentPackManifest, LatentVariant } from '../../src-shared/packs/pack-manifest.js';
import { firstLine } from '../error-text.js';
import { createFrame } from '../frames/planar-frame.js';
import { LatentModel } from '../latent/latent-model.js';
import { LatentRunner } from '../latent/latent-runner.js';
import type { LatentSessions } from '../latent/latent-sessions.js';
import { readNpy } from '../latent/npy-file.js';

const PROBE_SIDE = 16;

type Role = 'estimator' | 'encoder' | 'base' | 'draft' | 'decoder';

interface Expected {
  role: Role;
  file: string;
  inputs: string[];
  outputs: string[];
}

function expectations(v: LatentVariant): Expected[] {
  const b = v.denoiser_base;
  const d = v.denoiser_draft;
  return [
    ...(v.degradation_estimator ? [{ role: 'estimator' as const, file: v.degradation_estimator.file, inputs: [v.degradation_estimator.input], outputs: [v.degradation_estimator.output] }] : []),
    { role: 'encoder', file: v.vae_encoder.file, inputs: [v.vae_encoder.input], outputs: [v.vae_encoder.output] },
    {
      role: 'base',
      file: b.file,
      inputs: [b.latent, b.timestep.name, ...(b.conditioning ? [b.conditioning] : []), ...b.state.map((s) => s.input)],
      outputs: [b.output, ...b.features, ...b.state.map((s) => s.output)],
    },
    ...(d ? [{ role: 'draft' as const, file: d.file, inputs: [d.latent, d.timestep.name, ...(d.conditioning ? [d.conditioning] : []), ...d.features.map((f) => f.input)], outputs: [d.output] }] : []),
    { role: 'decoder', file: v.vae_decoder.file, inputs: [v.vae_decoder.input], outputs: [v.vae_decoder.output] },
  ];
}

export async function verifyLatentPack(packDir: string, manifest: LatentPackManifest): Promise<string | null> {
  for (const variant of manifest.variants) {
    const reason = await verifyVariant(packDir, manifest, variant);
    if (reason) return reason;
  }
  return null;
}

async function verifyVariant(packDir: string, manifest: LatentPackManifest, v: LatentVariant): Promise<string | null> {
  const models = new Map<Role, LatentModel>();
  try {
    for (const expected of expectations(v)) {
      let session: ort.InferenceSession;
      try {
        session = await ort.InferenceSession.create(path.join(packDir, expected.file), { logSeverityLevel: 4, intraOpNumThreads: 1 });
      } catch (error) {
        return `${expected.file} is not a model onnxruntime can load (${firstLine(error)})`;
      }
      models.set(expected.role, new LatentModel(session, expected.file));
      for (const name of expected.inputs) if (!session.inputNames.includes(name)) return `${expected.file} has no input named "${name}" (it has: ${session.inputNames.join(', ')})`;
      for (const name of expected.outputs) if (!session.outputNames.includes(name)) return `${expected.file} has no output named "${name}" (it has: ${session.outputNames.join(', ')})`;
    }
    const tensors = [];
    for (const file of [v.conditioning?.positive, v.conditioning?.negative]) {
      try {
        tensors.push(file ? await readNpy(path.join(packDir, file)) : null);
      } catch (error) {
        return firstLine(error);
      }
    }
    const sessions: LatentSessions = {
      device: 'cpu',
      encoder: models.get('encoder')!,
      base: models.get('base')!,
      draft: models.get('draft') ?? null,
      decoder: models.get('decoder')!,
      estimator: models.get('estimator') ?? null,
      positive: tensors[0] ?? null,
      negative: tensors[1] ?? null,
      release: async () => undefined,
    };
    const multiple = manifest.tile.multiple;
    const side = Math.ceil(PROBE_SIDE / multiple) * multiple;
    const runner = new LatentRunner(v, manifest.layout, sessions, { tile: side, overlap: 0, context: 0, multiple });
    const probe = createFrame(side, side);
    probe.data.fill(128);
    const frames = Math.min(v.frames, 2 * v.vae_encoder.temporal_factor);
    try {
      await runner.startClip(probe, DEFAULT_SAMPLER_SETTINGS);
      await runner.upscaleWindow(Array.from({ length: frames }, () => probe), 0);
    } catch (error) {
      return `a ${side}x${side} probe frame does not go through the sampler: ${firstLine(error)}`;
    }
    return null;
  } finally {
    await Promise.all([...models.values()].map((m) => m.release()));
  }
}
