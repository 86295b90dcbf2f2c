// The default packs: which trained TF.js models (MIT, shipped in npm packages) become which pack.
// Value ranges are the ones each source package declares: UpscalerJS's RDN "esrgan" models read
// 0-255; idealo's RDN/RRDN models (ISR) read and write 0-1.
import type { FusionSettings } from '../src-shared/fusion/fusion-settings.js';

export interface ModelSource {
  title: string;
  npmPackage: string;
  modelJson: string;
  range: [0, 1] | [0, 255];
}

export interface PackSource {
  name: string;
  title: string;
  description: string;
  variants: { scale: number; base: ModelSource; drafts: ModelSource[]; fusion: FusionSettings }[];
  license: string;
  source: string;
}

const esrganSlim = (scale: number): ModelSource => ({
  title: `UpscalerJS ESRGAN slim x${scale} (RDN, PSNR-trained)`,
  npmPackage: '@upscalerjs/esrgan-slim',
  modelJson: `models/x${scale}/model.json`,
  range: [0, 255],
});

const esrganMedium = (scale: number): ModelSource => ({
  title: `UpscalerJS ESRGAN medium x${scale} (RDN, PSNR-trained)`,
  npmPackage: '@upscalerjs/esrgan-medium',
  modelJson: `models/x${scale}/model.json`,
  range: [0, 255],
});

const idealoRdnDiv2kX4: ModelSource = {
  title: 'idealo RDN x4 trained on DIV2K (C3 D10 G64, uint8-quantized)',
  npmPackage: '@upscalerjs/models',
  modelJson: 'models/div2k/017-4x/model.json',
  range: [0, 1],
};

const idealoRrdnGans: ModelSource = {
  title: 'idealo RRDN x4, GAN-trained (uint8-quantized)',
  npmPackage: '@upscalerjs/models',
  modelJson: 'models/idealo/gans/model.json',
  range: [0, 1],
};

/** Candidates measured for the detail pack's base (see docs/model-packs.md). */
export const DETAIL_BASE_CANDIDATES = { esrganSlim: esrganSlim(4), esrganMedium: esrganMedium(4), idealoRdnDiv2kX4 };

const noFusion: FusionSettings = { alpha: 0, fc: 0.25, order: 4, border: 16, mask: 'butterworth' };

const MIT_UPSCALERJS = 'MIT. Weights by Kevin Scott (UpscalerJS) and idealo (image-super-resolution), as shipped in the npm packages named in each model title.';

export const PACK_SOURCES: PackSource[] = [
  {
    name: 'fast',
    title: 'Fast',
    description: 'A small RDN that runs well on CPU. Base only, no drafts.',
    variants: [
      { scale: 2, base: esrganSlim(2), drafts: [], fusion: noFusion },
      { scale: 4, base: esrganSlim(4), drafts: [], fusion: noFusion },
    ],
    license: MIT_UPSCALERJS,
    source: '@upscalerjs/esrgan-slim 1.0.0',
  },
  {
    name: 'detail',
    title: 'Detail',
    description:
      'A fidelity (PSNR-trained) base keeps the low frequencies faithful to the source; a GAN-trained RRDN draft adds high-frequency texture, fused in the frequency domain.',
    variants: [
      {
        scale: 4,
        base: esrganMedium(4),
        drafts: [idealoRrdnGans],
        // fc = 1/scale of Nyquist: below it the upscaled frame is determined by the source pixels.
        fusion: { alpha: 0.6, fc: 0.25, order: 4, border: 16, mask: 'butterworth' },
      },
    ],
    license: MIT_UPSCALERJS,
    source: '@upscalerjs/esrgan-medium 1.0.0, @upscalerjs/models 0.9.0',
  },
];
