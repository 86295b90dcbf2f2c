// UltraVSR's degradation estimate: the pack's estimator reads the whole low-resolution frame and
// returns d in [0, 1] (values outside are clamped), from which the scheduler picks the start
// timestep (degradationTimestep in src-shared/sampler/noise-schedule.ts).
import type { LatentVariant } from '../../src-shared/packs/pack-manifest.js';
import type { PlanarFrame } from '../frames/planar-frame.js';
import { floatTensor, type LatentModel } from './latent-model.js';
import { toModelRange } from './value-range.js';

export async function estimateDegradation(model: LatentModel, spec: NonNullable<LatentVariant['degradation_estimator']>, frame: PlanarFrame): Promise<number> {
  const input = floatTensor(toModelRange(frame.data, spec.range), [1, 3, frame.height, frame.width]);
  const out = (await model.run({ [spec.input]: input }, [spec.output]))[spec.output]!;
  if (out.data.length !== 1) throw new Error(`${spec.file} returned ${out.data.length} values; the degradation estimate is one number`);
  const d = out.data[0]!;
  if (!Number.isFinite(d)) throw new Error(`${spec.file} returned ${d} as the degradation estimate`);
  return Math.min(1, Math.max(0, d));
}
