// The first half of a re-fusion, done once per preview: the spectrum of the reflect-padded
// difference draft − base, on the same padding and grid as fusion/fuse-frames.ts. Each slider
// move then only masks it and transforms back (split-inverse.ts).
import { reflectIndex } from '../../src-shared/tiles/tile-plan.js';
import { Fft2d } from '../fusion/fft2d.js';
import { fusedGridSize, runToEnd } from '../fusion/fuse-frames.js';

const transforms = new Map<string, Fft2d>();

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

/** The grid the fusion pads a frame to. */
export function spectrumSize(width: number, height: number, border: number): { rows: number; cols: number } {
  return fusedGridSize(width, height, border);
}

/** Forward transform of draft − base (one plane, or two as real and imaginary parts) into `grid`. */
export function diffSpectrum(base: Float32Array[], draft: Float32Array[], width: number, height: number, border: number, grid: Float64Array): void {
  const { rows, cols } = spectrumSize(width, height, border);
  if (grid.length !== 2 * rows * cols) throw new Error('the spectrum grid has the wrong size');
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
      grid[cell] = draftRe[i]! - baseRe[i]!;
      grid[cell + 1] = baseIm ? draftIm![i]! - baseIm[i]! : 0;
    }
  }
  runToEnd(fftFor(rows, cols).forward(grid, sameRowAs));
}
