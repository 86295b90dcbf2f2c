// Live re-fusion of one preview's base and last draft. The difference spectra are computed once
// per border (red and green here, blue on the helper thread, at the same time); a new cutoff,
// order or mask costs one masked inverse transform per grid (again split over the two threads);
// a new alpha alone costs one pass over the pixels, because the high pass is kept.
import type { FusionSettings } from '../../src-shared/fusion/fusion-settings.js';
import { createFrame, type PlanarFrame } from '../frames/planar-frame.js';
import { planesOf } from '../fusion/fuse-frames.js';
import { diffSpectrum, highPassPlanes, spectrumSize, type DiffSpectrum } from './high-pass-spectrum.js';
import { highPassOnHelper, spectrumOnHelper } from './refuse-thread.js';

type Spectra = [redGreen: DiffSpectrum, blue: DiffSpectrum];

export class PreviewRefusion {
  private spectra: { border: number; ready: Promise<Spectra> } | null = null;
  private highPass: { key: string; planes: Promise<Float32Array[]> } | null = null;

  constructor(
    readonly base: PlanarFrame,
    readonly draft: PlanarFrame,
  ) {
    if (draft.width !== base.width || draft.height !== base.height) throw new Error('base and draft sizes differ');
  }

  /** Computes the spectra ahead of the first slider move. */
  prepare(border: number): Promise<unknown> {
    return this.spectraFor(border);
  }

  async fuse(settings: FusionSettings): Promise<PlanarFrame> {
    const { width, height } = this.base;
    if (settings.alpha === 0) return { width, height, data: this.base.data.slice() };
    const highPass = await this.highPassFor(settings);
    const out = createFrame(width, height);
    const plane = width * height;
    for (let c = 0; c < 3; c++) {
      const hp = highPass[c]!;
      const offset = c * plane;
      for (let i = 0; i < plane; i++) out.data[offset + i] = this.base.data[offset + i]! + settings.alpha * hp[i]!;
    }
    return out;
  }

  private highPassFor(settings: FusionSettings): Promise<Float32Array[]> {
    const key = `${settings.border}:${settings.mask}:${settings.fc}:${settings.order}`;
    if (this.highPass?.key !== key) {
      const planes = this.spectraFor(settings.border).then(async ([redGreen, blue]) => {
        const fromHelper = highPassOnHelper(blue, settings);
        const here = highPassPlanes(redGreen, settings);
        return [...here, ...(await fromHelper)];
      });
      this.highPass = { key, planes };
      planes.catch(() => this.highPass?.planes === planes && (this.highPass = null));
    }
    return this.highPass.planes;
  }

  private spectraFor(border: number): Promise<Spectra> {
    if (this.spectra?.border !== border) {
      const { width, height } = this.base;
      const { rows, cols } = spectrumSize(width, height, border);
      const [baseR, baseG, baseB] = planesOf(this.base) as [Float32Array, Float32Array, Float32Array];
      const [draftR, draftG, draftB] = planesOf(this.draft) as [Float32Array, Float32Array, Float32Array];
      // The helper fills the blue grid in shared memory while this thread does red and green.
      const blueGrid = new Float64Array(new SharedArrayBuffer(2 * rows * cols * Float64Array.BYTES_PER_ELEMENT));
      const blue = spectrumOnHelper(baseB, draftB, width, height, border, blueGrid);
      const ready = (async (): Promise<Spectra> => {
        const redGreen = diffSpectrum([baseR, baseG], [draftR, draftG], width, height, border);
        await blue;
        return [redGreen, { width, height, border, rows, cols, planes: 1, grid: blueGrid }];
      })();
      this.spectra = { border, ready };
      ready.catch(() => this.spectra?.ready === ready && (this.spectra = null));
    }
    return this.spectra.ready;
  }
}
