// Live re-fusion of one preview's base and last draft. The difference spectra are computed once
// per border (red and green here, blue on the helper thread, at the same time); a new cutoff,
// order or mask costs the masked inverse transforms, shared by both threads (split-inverse.ts); a
// new alpha alone costs one pass over the pixels, because the high pass is kept.
import type { FusionSettings } from '../../src-shared/fusion/fusion-settings.js';
import { createFrame, type PlanarFrame } from '../frames/planar-frame.js';
import { planesOf } from '../fusion/fuse-frames.js';
import { diffSpectrum, spectrumSize } from './high-pass-spectrum.js';
import { bitmapBytes } from './quick-bitmap.js';
import { blueSpectrumOnHelper, columnsOnHelper, rowsOnHelper } from './refuse-thread.js';
import { columnTasks, inverseColumns, inverseRows, rowTasks, sharedGrids, type RefuseGrids } from './split-inverse.js';

export class PreviewRefusion {
  private grids: { border: number; ready: Promise<RefuseGrids> } | null = null;
  private highPass: { key: string; done: Promise<Float32Array> } | null = null;

  constructor(
    readonly base: PlanarFrame,
    readonly draft: PlanarFrame,
  ) {
    if (draft.width !== base.width || draft.height !== base.height) throw new Error('base and draft sizes differ');
  }

  /** Computes the spectra ahead of the first slider move. */
  prepare(border: number): Promise<unknown> {
    return this.gridsFor(border);
  }

  /** The fused picture as a BMP, fused while it is written. */
  async bitmap(settings: FusionSettings): Promise<Buffer> {
    if (settings.alpha === 0) return bitmapBytes(this.base);
    return bitmapBytes(this.base, { highPass: await this.highPassFor(settings), alpha: settings.alpha });
  }

  async fuse(settings: FusionSettings): Promise<PlanarFrame> {
    const { width, height } = this.base;
    if (settings.alpha === 0) return { width, height, data: this.base.data.slice() };
    const highPass = await this.highPassFor(settings);
    const out = createFrame(width, height);
    const base = this.base.data;
    for (let i = 0; i < out.data.length; i++) out.data[i] = base[i]! + settings.alpha * highPass[i]!;
    return out;
  }

  /** HP(draft − base) for the three planes, one after the other (in the grids' shared memory). */
  private highPassFor(settings: FusionSettings): Promise<Float32Array> {
    const key = `${settings.border}:${settings.mask}:${settings.fc}:${settings.order}`;
    if (this.highPass?.key !== key) {
      const done = this.gridsFor(settings.border).then(async (g) => {
        const columns = columnTasks(g);
        const helperColumns = columnsOnHelper(g, settings, columns >> 1, columns);
        inverseColumns(g, settings, 0, columns >> 1);
        await helperColumns;
        const rows = rowTasks(g);
        const helperRows = rowsOnHelper(g, rows >> 1, rows);
        inverseRows(g, 0, rows >> 1);
        await helperRows;
        return g.out;
      });
      this.highPass = { key, done };
      done.catch(() => this.highPass?.done === done && (this.highPass = null));
    }
    return this.highPass.done;
  }

  private gridsFor(border: number): Promise<RefuseGrids> {
    if (this.grids?.border !== border) {
      const { width, height } = this.base;
      const { rows, cols } = spectrumSize(width, height, border);
      const g = sharedGrids(width, height, border, rows, cols);
      const [baseR, baseG, baseB] = planesOf(this.base) as [Float32Array, Float32Array, Float32Array];
      const [draftR, draftG, draftB] = planesOf(this.draft) as [Float32Array, Float32Array, Float32Array];
      // The helper fills blue's spectrum while this thread does red and green.
      const blue = blueSpectrumOnHelper(baseB, draftB, g);
      const ready = (async (): Promise<RefuseGrids> => {
        diffSpectrum([baseR, baseG], [draftR, draftG], width, height, border, g.spectrumRG);
        await blue;
        return g;
      })();
      this.highPass = null;
      this.grids = { border, ready };
      ready.catch(() => this.grids?.ready === ready && (this.grids = null));
    }
    return this.grids.ready;
  }
}
