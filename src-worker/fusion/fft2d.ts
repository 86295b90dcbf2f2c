// A 2D complex FFT over grids whose sides are fftLength()s (powers of two, or three times one),
// built from 1D transforms (mixed-fft.ts): rows first, then columns through a gathered buffer.
import { MixedFft } from './mixed-fft.js';

/** Columns transformed together: 8 complex doubles are two 64-byte cache lines per row. */
const COLUMN_BLOCK = 8;
/** Rows between the points where a caller may pause the transform (see fuse-frames.ts). */
const YIELD_EVERY = 16;

export class Fft2d {
  private readonly rowFft: MixedFft;
  private readonly colFft: MixedFft;
  private readonly colBlock: Float64Array;
  private readonly colOut: Float64Array;
  private readonly rowOut: Float64Array;

  constructor(
    readonly rows: number,
    readonly cols: number,
  ) {
    this.rowFft = new MixedFft(cols);
    this.colFft = new MixedFft(rows);
    this.colBlock = new Float64Array(2 * rows * Math.min(COLUMN_BLOCK, cols));
    this.colOut = new Float64Array(2 * rows);
    this.rowOut = new Float64Array(2 * cols);
  }

  /**
   * In place on an interleaved complex grid (re, im per cell, row-major). `sameRowAs[r]`, when
   * given, names an earlier row whose content row r repeats (reflect padding makes many), so
   * its transform is copied instead of computed.
   */
  *forward(grid: Float64Array, sameRowAs?: Int32Array): Generator<void> {
    for (let r = 0; r < this.rows; r++) {
      const source = sameRowAs?.[r] ?? r;
      if (source !== r) grid.copyWithin(2 * r * this.cols, 2 * source * this.cols, 2 * (source + 1) * this.cols);
      else this.transformRow(grid, r, false);
      if (r % YIELD_EVERY === 0) yield;
    }
    yield* this.transformColumns(grid, false);
  }

  /** In place, normalised by rows * cols; only rows [rowFrom, rowTo) are finished (the rest hold column transforms). */
  *inverse(grid: Float64Array, rowFrom = 0, rowTo = this.rows): Generator<void> {
    yield* this.transformColumns(grid, true);
    for (let r = rowFrom; r < rowTo; r++) {
      this.transformRow(grid, r, true);
      if (r % YIELD_EVERY === 0) yield;
    }
  }

  private transformRow(grid: Float64Array, r: number, inverse: boolean): void {
    const row = grid.subarray(2 * r * this.cols, 2 * (r + 1) * this.cols);
    if (inverse) this.rowFft.inverseTransform(this.rowOut, row);
    else this.rowFft.transform(this.rowOut, row);
    row.set(this.rowOut);
  }

  /** Columns go through in blocks, so each row is read and written a cache line at a time. */
  private *transformColumns(grid: Float64Array, inverse: boolean): Generator<void> {
    const { rows, cols, colBlock, colOut } = this;
    const width = Math.min(COLUMN_BLOCK, cols);
    for (let c0 = 0; c0 < cols; c0 += width) {
      for (let r = 0; r < rows; r++) {
        const from = 2 * (r * cols + c0);
        for (let j = 0; j < width; j++) {
          colBlock[j * 2 * rows + 2 * r] = grid[from + 2 * j]!;
          colBlock[j * 2 * rows + 2 * r + 1] = grid[from + 2 * j + 1]!;
        }
      }
      for (let j = 0; j < width; j++) {
        const column = colBlock.subarray(j * 2 * rows, (j + 1) * 2 * rows);
        if (inverse) this.colFft.inverseTransform(colOut, column);
        else this.colFft.transform(colOut, column);
        column.set(colOut);
      }
      for (let r = 0; r < rows; r++) {
        const to = 2 * (r * cols + c0);
        for (let j = 0; j < width; j++) {
          grid[to + 2 * j] = colBlock[j * 2 * rows + 2 * r]!;
          grid[to + 2 * j + 1] = colBlock[j * 2 * rows + 2 * r + 1]!;
        }
      }
      yield;
    }
  }
}
