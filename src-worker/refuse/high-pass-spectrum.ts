// The fusion split in two for live re-fusing. The spectrum of the reflect-padded difference
// draft − base depends only on the frames and the border, so a preview computes it once; a slider
// move then only masks it and transforms back. Same padding, grid, mask and transform as
// fusion/fuse-frames.ts, so a re-fused preview is what a render with those settings fuses.
import type { FusionSettings } from '../../src-shared/fusion/fusion-settings.js';
import { reflectIndex } from '../../src-shared/tiles/tile-plan.js';
import { Fft2d } from '../fusion/fft2d.js';
import { fusedGridSize, runToEnd } from '../fusion/fuse-frames.js';

/** One or two planes' difference spectrum (two ride one complex grid, as in fuse-frames.ts). */
export interface DiffSpectrum {
  width: number;
  height: number;
  border: number;
  rows: number;
  cols: number;
  planes: 1 | 2;
  /** Interleaved complex, rows × cols; may live in a SharedArrayBuffer. */
  grid: Float64Array;
}

export type MaskSettings = Pick<FusionSettings, 'fc' | 'order' | 'mask'>;

const transforms = new Map<string, Fft2d>();
const workGrids = new Map<number, Float64Array>();

function fftFor(rows: number, cols: number): Fft2d {
  const key = `${rows}x${cols}`;
  let fft = transforms.get(key);
  if (!fft) {
    if (transforms.size > 2) transforms.clear();
    fft = new Fft2d(rows, cols);
    transforms.set(key, fft);
  }
  return fft;
}

function workGrid(cells: number): Float64Array {
  let grid = workGrids.get(cells);
  if (!grid) {
    workGrids.clear();
    grid = new Float64Array(2 * cells);
    workGrids.set(cells, grid);
  }
  return grid;
}

/** The grid a spectrum of these planes needs (a caller may allocate it in shared memory). */
export function spectrumSize(width: number, height: number, border: number): { rows: number; cols: number } {
  return fusedGridSize(width, height, border);
}

/** Forward transform of draft − base (one or two planes), reflect-padded as the fusion pads it. */
export function diffSpectrum(base: Float32Array[], draft: Float32Array[], width: number, height: number, border: number, grid?: Float64Array): DiffSpectrum {
  const { rows, cols } = spectrumSize(width, height, border);
  const out = grid ?? new Float64Array(2 * rows * cols);
  if (out.length !== 2 * rows * cols) throw new Error('the spectrum grid has the wrong size');
  const sourceRow = Int32Array.from({ length: rows }, (_, r) => reflectIndex(r - border, height));
  const sourceCol = Int32Array.from({ length: cols }, (_, c) => reflectIndex(c - border, width));
  const firstRowOf = new Map<number, number>();
  const sameRowAs = sourceRow.map((y, r) => firstRowOf.get(y) ?? (firstRowOf.set(y, r), r));
  const [baseRe, draftRe] = [base[0]!, draft[0]!];
  const [baseIm, draftIm] = base.length > 1 ? [base[1]!, draft[1]!] : [null, null];
  for (let r = 0; r < rows; r++) {
    if (sameRowAs[r] !== r) continue;
    const rowStart = sourceRow[r]! * width;
    for (let c = 0; c < cols; c++) {
      const i = rowStart + sourceCol[c]!;
      const cell = 2 * (r * cols + c);
      out[cell] = draftRe[i]! - baseRe[i]!;
      out[cell + 1] = baseIm ? draftIm![i]! - baseIm[i]! : 0;
    }
  }
  runToEnd(fftFor(rows, cols).forward(out, sameRowAs));
  return { width, height, border, rows, cols, planes: base.length > 1 ? 2 : 1, grid: out };
}

/**
 * HP(draft − base) for each plane of the spectrum: the mask (frequency-mask.ts's, as 1 − the
 * float32 low pass) is applied while copying into a work grid, then only the frame's rows are
 * transformed back.
 */
export function highPassPlanes(spectrum: DiffSpectrum, settings: MaskSettings): Float32Array[] {
  const { rows, cols, width, height, border, grid } = spectrum;
  const work = workGrid(rows * cols);
  const fx2 = squaredFrequencies(cols);
  const fy2 = squaredFrequencies(rows);
  const butterworth = settings.mask === 'butterworth';
  const fc2 = settings.fc * settings.fc;
  for (let r = 0; r < rows; r++) {
    const rowStart = 2 * r * cols;
    for (let c = 0; c < cols; c++) {
      const d2 = fy2[r]! + fx2[c]!;
      const lowPass = butterworth ? 1 / (1 + power(d2 / fc2, settings.order)) : Math.exp(-d2 / (2 * fc2));
      const highPass = Math.fround(1 - Math.fround(lowPass));
      const cell = rowStart + 2 * c;
      work[cell] = grid[cell]! * highPass;
      work[cell + 1] = grid[cell + 1]! * highPass;
    }
  }
  runToEnd(fftFor(rows, cols).inverse(work, border, border + height));
  const planes = Array.from({ length: spectrum.planes }, () => new Float32Array(width * height));
  for (let y = 0; y < height; y++) {
    const rowStart = 2 * ((y + border) * cols + border);
    for (let x = 0; x < width; x++) {
      planes[0]![y * width + x] = work[rowStart + 2 * x]!;
      if (planes[1]) planes[1][y * width + x] = work[rowStart + 2 * x + 1]!;
    }
  }
  return planes;
}

/** (numpy.fft.fftfreq(n) * 2)²: squared bin frequencies as a fraction of Nyquist. */
function squaredFrequencies(n: number): Float64Array {
  const f = new Float64Array(n);
  for (let k = 0; k < n; k++) f[k] = ((2 * (k < Math.ceil(n / 2) ? k : k - n)) / n) ** 2;
  return f;
}

/** x^n for a small whole n, by multiplication (Math.pow is several times slower here). */
function power(x: number, n: number): number {
  let result = 1;
  for (let k = 0; k < n; k++) result *= x;
  return result;
}
