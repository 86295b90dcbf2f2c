// The PS-SR frequency-domain update: out = base + alpha * HP(draft - base), per channel.
// The difference is reflect-padded (by at least `border`) to a power-of-two grid, transformed,
// multiplied by the high-pass mask and transformed back. Two channels ride in one complex
// transform (one as the real part, one as the imaginary part): the mask is real and symmetric,
// so it filters both without mixing them.
import type { FusionSettings } from '../../src-shared/fusion/fusion-settings.js';
import { lowPassMask } from '../../src-shared/fusion/frequency-mask.js';
import { reflectIndex } from '../../src-shared/tiles/tile-plan.js';
import { createFrame, type PlanarFrame } from '../frames/planar-frame.js';
import { Fft2d, nextPowerOfTwo } from './fft2d.js';

interface FusionPlan {
  fft: Fft2d;
  highPass: Float32Array;
  grid: Float64Array;
}

const planCache = new Map<string, FusionPlan>();

function planFor(rows: number, cols: number, settings: FusionSettings): FusionPlan {
  const key = `${rows}x${cols}:${settings.mask}:${settings.fc}:${settings.order}`;
  let plan = planCache.get(key);
  if (!plan) {
    const highPass = lowPassMask(rows, cols, settings).map((v) => 1 - v);
    plan = { fft: new Fft2d(rows, cols), highPass, grid: new Float64Array(2 * rows * cols) };
    if (planCache.size > 4) planCache.clear();
    planCache.set(key, plan);
  }
  return plan;
}

export function fusedGridSize(width: number, height: number, border: number): { rows: number; cols: number } {
  return { rows: nextPowerOfTwo(height + 2 * border), cols: nextPowerOfTwo(width + 2 * border) };
}

export function fuseFrames(base: PlanarFrame, draft: PlanarFrame, settings: FusionSettings): PlanarFrame {
  const { width, height } = base;
  if (draft.width !== width || draft.height !== height) throw new Error('base and draft sizes differ');
  const out = createFrame(width, height);
  out.data.set(base.data);
  if (settings.alpha === 0) return out;
  const { rows, cols } = fusedGridSize(width, height, settings.border);
  const { fft, highPass, grid } = planFor(rows, cols, settings);
  const plane = width * height;
  const sourceRow = Int32Array.from({ length: rows }, (_, r) => reflectIndex(r - settings.border, height));
  const firstRowOf = new Map<number, number>();
  const sameRowAs = sourceRow.map((y, r) => firstRowOf.get(y) ?? (firstRowOf.set(y, r), r));
  for (const [re, im] of [[0, 1], [2, -1]] as const) {
    for (let r = 0; r < rows; r++) {
      const y = reflectIndex(r - settings.border, height);
      for (let c = 0; c < cols; c++) {
        const i = y * width + reflectIndex(c - settings.border, width);
        const cell = 2 * (r * cols + c);
        grid[cell] = draft.data[re * plane + i]! - base.data[re * plane + i]!;
        grid[cell + 1] = im < 0 ? 0 : draft.data[im * plane + i]! - base.data[im * plane + i]!;
      }
    }
    fft.forward(grid, sameRowAs);
    for (let k = 0; k < rows * cols; k++) {
      grid[2 * k]! *= highPass[k]!;
      grid[2 * k + 1]! *= highPass[k]!;
    }
    fft.inverse(grid, settings.border, settings.border + height);
    for (let y = 0; y < height; y++) {
      const rowStart = 2 * ((y + settings.border) * cols + settings.border);
      for (let x = 0; x < width; x++) {
        const i = y * width + x;
        out.data[re * plane + i]! += settings.alpha * grid[rowStart + 2 * x]!;
        if (im >= 0) out.data[im * plane + i]! += settings.alpha * grid[rowStart + 2 * x + 1]!;
      }
    }
  }
  return out;
}
