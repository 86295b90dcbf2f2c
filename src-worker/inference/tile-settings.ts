// The tile layout a job runs with: what the user set, or the context from the pack's receptive
// radius (capped) and the largest tile that fits the memory budget.
import { MAX_AUTO_CONTEXT, type EngineSettings } from '../../src-shared/jobs/engine-settings.js';
import type { AnyVariant, PackManifest } from '../../src-shared/packs/pack-manifest.js';
import { tiledModels } from '../../src-shared/packs/pack-variants.js';
import { tileSizeForBudget } from '../../src-shared/tiles/tile-plan.js';
import type { TileSettings } from './tiled-upscale.js';

/** onnxruntime's arena and convolution workspaces come on top of the live activations. */
const ACTIVATION_OVERHEAD = 2;

export function resolveTileSettings(manifest: PackManifest, variant: AnyVariant, engine: EngineSettings): TileSettings {
  const models = tiledModels(variant);
  const context = engine.context ?? Math.min(MAX_AUTO_CONTEXT, Math.max(...models.map((m) => m.receptive_radius)));
  const bytesPerPixel = ACTIVATION_OVERHEAD * Math.max(...models.map((m) => m.activation_bytes_per_pixel));
  const tile = engine.tile ?? tileSizeForBudget(engine.memoryBudgetMB * 2 ** 20, bytesPerPixel, context, manifest.tile);
  return { tile, overlap: engine.overlap, context, multiple: manifest.tile.multiple };
}
