// The inverse half of a re-fusion, shared by two threads. Three planes' high pass costs one and a
// half complex transforms: red and green ride one grid (one as the real part, one as the
// imaginary), and blue, being real, needs only the columns up to Nyquist and then one row
// transform per two rows (its rows come out real, so two share a transform). Both threads take
// half of the columns, meet, then half of the rows, on grids in shared memory; the mask is applied
// as the columns are gathered, and only the frame's own rows are kept after the column pass.
import { MixedFft } from '../fusion/mixed-fft.js';
import type { FusionSettings } from '../../src-shared/fusion/fusion-settings.js';

export type MaskSettings = Pick<FusionSettings, 'fc' | 'order' | 'mask'>;

/** Everything both threads read and write, in SharedArrayBuffers. */
export interface RefuseGrids {
  width: number;
  height: number;
  border: number;
  rows: number;
  cols: number;
  /** Spectrum of (red + i·green) of draft − base, rows × cols, interleaved complex. */
  spectrumRG: Float64Array;
  /** Spectrum of blue of draft − base, rows × cols (only columns 0 to cols/2 are read). */
  spectrumB: Float64Array;
  /** After the column pass, the frame's rows only: height × cols, and height × (cols/2 + 1). */
  workRG: Float64Array;
  workB: Float64Array;
  /** The high pass of red, green and blue, width × height each, one after the other. */
  out: Float32Array;
}

const BLOCK = 8;

export function sharedGrids(width: number, height: number, border: number, rows: number, cols: number): RefuseGrids {
  const doubles = (n: number): Float64Array => new Float64Array(new SharedArrayBuffer(n * Float64Array.BYTES_PER_ELEMENT));
  return {
    width,
    height,
    border,
    rows,
    cols,
    spectrumRG: doubles(2 * rows * cols),
    spectrumB: doubles(2 * rows * cols),
    workRG: doubles(2 * height * cols),
    workB: doubles(2 * height * (cols / 2 + 1)),
    out: new Float32Array(new SharedArrayBuffer(3 * width * height * Float32Array.BYTES_PER_ELEMENT)),
  };
}

/** Column transforms to do: every red-green column, and blue's up to Nyquist. */
export function columnTasks(g: RefuseGrids): number {
  return g.cols + g.cols / 2 + 1;
}

/** Row transforms to do: every red-green row, and one per pair of blue rows. */
export function rowTasks(g: RefuseGrids): number {
  return g.height + Math.ceil(g.height / 2);
}

const transforms = new Map<number, { fft: MixedFft; out: Float64Array }>();
function fftOf(size: number): { fft: MixedFft; out: Float64Array } {
  let entry = transforms.get(size);
  if (!entry) {
    entry = { fft: new MixedFft(size), out: new Float64Array(2 * size) };
    transforms.set(size, entry);
  }
  return entry;
}

/** Column tasks [from, to): mask while gathering, transform back, keep the frame's rows. */
export function inverseColumns(g: RefuseGrids, settings: MaskSettings, from: number, to: number): void {
  const splitAt = g.cols;
  if (from < splitAt) columns(g, g.spectrumRG, g.workRG, g.cols, settings, from, Math.min(to, splitAt));
  if (to > splitAt) columns(g, g.spectrumB, g.workB, g.cols / 2 + 1, settings, Math.max(from, splitAt) - splitAt, to - splitAt);
}

function columns(g: RefuseGrids, spectrum: Float64Array, work: Float64Array, workWidth: number, settings: MaskSettings, from: number, to: number): void {
  const { rows, cols, height, border } = g;
  const { fft, out } = fftOf(rows);
  const block = new Float64Array(2 * rows * BLOCK);
  const fy2 = squaredFrequencies(rows);
  const fx2 = squaredFrequencies(cols);
  const butterworth = settings.mask === 'butterworth';
  const fc2 = settings.fc * settings.fc;
  for (let c0 = from; c0 < to; c0 += BLOCK) {
    const width = Math.min(BLOCK, to - c0);
    for (let r = 0; r < rows; r++) {
      const cell = 2 * (r * cols + c0);
      for (let j = 0; j < width; j++) {
        const d2 = fy2[r]! + fx2[c0 + j]!;
        const lowPass = butterworth ? 1 / (1 + power(d2 / fc2, settings.order)) : Math.exp(-d2 / (2 * fc2));
        // As frequency-mask.ts stores it (float32), then 1 − it, as fuse-frames.ts's plan does.
        const highPass = Math.fround(1 - Math.fround(lowPass));
        block[j * 2 * rows + 2 * r] = spectrum[cell + 2 * j]! * highPass;
        block[j * 2 * rows + 2 * r + 1] = spectrum[cell + 2 * j + 1]! * highPass;
      }
    }
    for (let j = 0; j < width; j++) {
      const column = block.subarray(j * 2 * rows, (j + 1) * 2 * rows);
      fft.inverseTransform(out, column);
      column.set(out);
    }
    // Row by row, so each row of the work grid is written a block at a time.
    for (let y = 0; y < height; y++) {
      const kept = 2 * (y * workWidth + c0);
      const r = 2 * (y + border);
      for (let j = 0; j < width; j++) {
        work[kept + 2 * j] = block[j * 2 * rows + r]!;
        work[kept + 2 * j + 1] = block[j * 2 * rows + r + 1]!;
      }
    }
  }
}

/** Row tasks [from, to): red-green rows, then pairs of blue rows; writes the frame's pixels to `out`. */
export function inverseRows(g: RefuseGrids, from: number, to: number): void {
  const { width, height, border, cols, workRG, workB } = g;
  const { fft, out } = fftOf(cols);
  const row = new Float64Array(2 * cols);
  const plane = width * height;
  const half = cols / 2;
  for (let task = from; task < to; task++) {
    if (task < height) {
      const y = task;
      fft.inverseTransform(out, workRG.subarray(2 * y * cols, 2 * (y + 1) * cols));
      for (let x = 0; x < width; x++) {
        g.out[y * width + x] = out[2 * (border + x)]!;
        g.out[plane + y * width + x] = out[2 * (border + x) + 1]!;
      }
      continue;
    }
    // Blue rows y1 and y2 = y1 + 1 in one transform: each is Hermitian (its right half mirrors the
    // left, conjugated), so z = row1 + i·row2 transforms back to blue1 + i·blue2.
    const y1 = 2 * (task - height);
    const y2 = y1 + 1 < height ? y1 + 1 : -1;
    for (let c = 0; c < cols; c++) {
      const mirrored = c > half;
      const source = mirrored ? cols - c : c;
      const sign = mirrored ? -1 : 1;
      const a = 2 * (y1 * (half + 1) + source);
      const [re1, im1] = [workB[a]!, sign * workB[a + 1]!];
      let re2 = 0;
      let im2 = 0;
      if (y2 >= 0) {
        const b = 2 * (y2 * (half + 1) + source);
        re2 = workB[b]!;
        im2 = sign * workB[b + 1]!;
      }
      row[2 * c] = re1 - im2;
      row[2 * c + 1] = im1 + re2;
    }
    fft.inverseTransform(out, row);
    for (let x = 0; x < width; x++) {
      g.out[2 * plane + y1 * width + x] = out[2 * (border + x)]!;
      if (y2 >= 0) g.out[2 * plane + y2 * width + x] = out[2 * (border + x) + 1]!;
    }
  }
}

const frequencies = new Map<number, Float64Array>();
/** (numpy.fft.fftfreq(n) * 2)²: squared bin frequencies as a fraction of Nyquist. */
function squaredFrequencies(n: number): Float64Array {
  let f = frequencies.get(n);
  if (!f) {
    f = new Float64Array(n);
    for (let k = 0; k < n; k++) f[k] = ((2 * (k < Math.ceil(n / 2) ? k : k - n)) / n) ** 2;
    frequencies.set(n, f);
  }
  return f;
}

/** x^n for a small whole n, by multiplication (Math.pow is several times slower here). */
function power(x: number, n: number): number {
  let result = 1;
  for (let k = 0; k < n; k++) result *= x;
  return result;
}
