// The checks only onnxruntime can make: each model file loads, has the input and output names
// the manifest gives, and really upscales by the manifest's scale. Returns a reason, or null.
// Latent packs have their own checks (verify-latent-pack.ts).
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { firstLine } from '../error-text.js';
import { PackManifestSchema, type PackVariant } from '../../src-shared/packs/pack-manifest.js';
import { verifyLatentPack } from './verify-latent-pack.js';

const PROBE_SIDE = 16;

export async function verifyPack(packDir: string, rawManifest: unknown): Promise<string | null> {
  const parsed = PackManifestSchema.safeParse(rawManifest);
  if (!parsed.success) return `pack.json does not match the pack schema: ${parsed.error.issues[0]?.message ?? 'invalid'}`;
  if (parsed.data.kind === 'latent') return verifyLatentPack(packDir, parsed.data);
  const side = Math.ceil(PROBE_SIDE / parsed.data.tile.multiple) * parsed.data.tile.multiple;
  for (const variant of parsed.data.variants) {
    const reason = await verifyVariant(packDir, variant, side);
    if (reason) return reason;
  }
  return null;
}

/** Multi-frame models are probed with a two-frame window. */
const PROBE_FRAMES = 2;

async function verifyVariant(packDir: string, variant: PackVariant, side: number): Promise<string | null> {
  const frames = variant.base.frames > 1 ? PROBE_FRAMES : 1;
  const shape = (s: number): number[] => (frames > 1 ? [1, frames, 3, s, s] : [1, 3, s, s]);
  const lr = new Float32Array(frames * 3 * side * side).fill(0.5);
  const hr = new Float32Array(frames * 3 * side * side * variant.scale * variant.scale).fill(0.5);
  const models = [
    { ...variant.base, feeds: { [variant.base.input]: new ort.Tensor('float32', lr, shape(side)) } },
    ...variant.drafts.map((draft) => ({
      ...draft,
      feeds: Object.fromEntries(
        draft.inputs.map((input) => {
          const s = input.source === 'lr' ? side : side * variant.scale;
          return [input.name, new ort.Tensor('float32', input.source === 'lr' ? lr : hr, shape(s))];
        }),
      ),
    })),
  ];
  for (const model of models) {
    let session: ort.InferenceSession;
    try {
      session = await ort.InferenceSession.create(path.join(packDir, model.file), { logSeverityLevel: 4, intraOpNumThreads: 1 });
    } catch (error) {
      return `${model.file} is not a model onnxruntime can load (${firstLine(error)})`;
    }
    try {
      for (const name of Object.keys(model.feeds)) {
        if (!session.inputNames.includes(name)) return `${model.file} has no input named "${name}" (it has: ${session.inputNames.join(', ')})`;
      }
      if (!session.outputNames.includes(model.output)) return `${model.file} has no output named "${model.output}" (it has: ${session.outputNames.join(', ')})`;
      let output: ort.Tensor;
      try {
        output = (await session.run(model.feeds, [model.output]))[model.output]!;
      } catch (error) {
        return `${model.file} fails on a ${side}x${side} RGB input (${firstLine(error)})`;
      }
      const [channels, h, w] = output.dims.slice(-3);
      const expected = frames > 1 ? `[1, ${frames}, 3, H, W]` : '[1, 3, H, W]';
      if (output.dims.length !== shape(side).length || channels !== 3 || (frames > 1 && output.dims[1] !== frames)) return `${model.file} outputs shape [${output.dims.join(', ')}], expected ${expected}`;
      if (h !== side * variant.scale || w !== side * variant.scale) {
        return `${model.file} turns ${side}x${side} into ${w}x${h} (x${(w ?? 0) / side}), but pack.json says x${variant.scale}`;
      }
    } finally {
      await session.release();
    }
  }
  return null;
}
