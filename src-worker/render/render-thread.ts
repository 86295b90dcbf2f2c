// What a render opens its inference thread on. The render and a host's `warm` ahead of it work it
// out here alike, so that the thread opened ahead is the one the render asks for.
import type { RenderTarget } from '../../src-shared/jobs/render-job.js';
import { findVariant } from '../../src-shared/packs/pack-variants.js';
import type { ThreadSpec } from '../inference/inference-thread.js';
import { resolveTileSettings } from '../inference/tile-settings.js';

export function renderThreadSpec(target: RenderTarget): ThreadSpec {
  const { pack, scale, engine } = target;
  const variant = findVariant(pack.manifest, scale);
  if (!variant) throw new Error(`pack ${pack.manifest.name} has no x${scale} variant`);
  return { pack, variant, execution: engine, tiles: resolveTileSettings(pack.manifest, variant, engine) };
}
