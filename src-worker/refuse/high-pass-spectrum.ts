// The first half of a re-fusion, done once per preview: the spectrum of the reflect-padded
// difference draft − base, on the same padding and grid as fusion/fuse-frames.ts. Each slider
// move then only masks it and transforms back (split-inverse.ts).
import { Fft2d } from '../fusion/fft2d.js';
import { fusedGridSize, runToEnd } from '../fusion/fuse-frames.js';
import { reflectPadding, writePaddedDifference } from '../fusion/padded-difference.js';

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
  const padding = reflectPadding(width, height, border, rows, cols);
  writePaddedDifference(grid, padding, width, base, draft);
  runToEnd(fftFor(rows, cols).forward(grid, padding.sameRowAs));
}
