// What an inference thread is opened on for a job. A render, a host's `warm` ahead of it and a
// preview work it out here alike, so that a thread opened for one is the one the next asks for.
import type { RenderTarget } from '../../src-shared/jobs/render-job.js';
import { findVariant } from '../../src-shared/packs/pack-variants.js';
import type { ThreadSpec } from './inference-thread.js';
import { resolveTileSettings } from './tile-settings.js';

export function threadSpecFor(target: RenderTarget): ThreadSpec {
  const { pack, scale, engine } = target;
  const variant = findVariant(pack.manifest, scale);
  if (!variant) throw new Error(`pack ${pack.manifest.name} has no x${scale} variant`);
  return { pack, variant, execution: engine, tiles: resolveTileSettings(pack.manifest, variant, engine) };
}
