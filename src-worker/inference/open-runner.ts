// Opens a pack variant as the runner of its kind.
import type { AnyVariant, PackManifest } from '../../src-shared/packs/pack-manifest.js';
import { isLatentVariant } from '../../src-shared/packs/pack-variants.js';
import { LatentRunner } from '../latent/latent-runner.js';
import { openLatentSessions } from '../latent/latent-sessions.js';
import type { ExecutionRequest } from './execution.js';
import { openVariant } from './pack-sessions.js';
import { PixelRunner } from './pixel-runner.js';
import type { TileSettings } from './tiled-upscale.js';
import type { VariantRunner } from './variant-runner.js';

export interface PackRef {
  dir: string;
  manifest: PackManifest;
}

export async function openRunner(pack: PackRef, variant: AnyVariant, execution: ExecutionRequest, tiles: TileSettings, notice: (message: string) => void): Promise<VariantRunner> {
  if (isLatentVariant(variant)) {
    const layout = pack.manifest.kind === 'latent' ? pack.manifest.layout : 'NCHW';
    return new LatentRunner(variant, layout, await openLatentSessions(pack.dir, variant, execution, notice), tiles);
  }
  return new PixelRunner(variant, await openVariant(pack.dir, variant, execution, notice), tiles);
}
