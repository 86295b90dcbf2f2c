// A 2D complex FFT over power-of-two grids, built from fft.js's 1D radix-4 transforms: rows
// first, then columns through a gathered buffer.
import FFT from 'fft.js';

export class Fft2d {
  private readonly rowFft: FFT;
  private readonly colFft: FFT;
  private readonly colIn: Float64Array;
  private readonly colOut: Float64Array;
  private readonly rowOut: Float64Array;

  constructor(
    readonly rows: number,
    readonly cols: number,
  ) {
    if (!isPowerOfTwo(rows) || !isPowerOfTwo(cols)) throw new Error('FFT sides must be powers of two');
    this.rowFft = new FFT(cols);
    this.colFft = new FFT(rows);
    this.colIn = new Float64Array(2 * rows);
    this.colOut = new Float64Array(2 * rows);
    this.rowOut = new Float64Array(2 * cols);
  }

  /**
   * In place on an interleaved complex grid (re, im per cell, row-major). `sameRowAs[r]`, when
   * given, names an earlier row whose content row r repeats (reflect padding makes many), so
   * its transform is copied instead of computed.
   */
  forward(grid: Float64Array, sameRowAs?: Int32Array): void {
    for (let r = 0; r < this.rows; r++) {
      const source = sameRowAs?.[r] ?? r;
      if (source !== r) grid.copyWithin(2 * r * this.cols, 2 * source * this.cols, 2 * (source + 1) * this.cols);
      else this.transformRow(grid, r, false);
    }
    this.transformColumns(grid, false);
  }

  /** In place, normalised by rows * cols; only rows [rowFrom, rowTo) are finished (the rest hold column transforms). */
  inverse(grid: Float64Array, rowFrom = 0, rowTo = this.rows): void {
    this.transformColumns(grid, true);
    for (let r = rowFrom; r < rowTo; r++) this.transformRow(grid, r, true);
  }

  private transformRow(grid: Float64Array, r: number, inverse: boolean): void {
    const row = grid.subarray(2 * r * this.cols, 2 * (r + 1) * this.cols);
    if (inverse) this.rowFft.inverseTransform(this.rowOut, row);
    else this.rowFft.transform(this.rowOut, row);
    row.set(this.rowOut);
  }

  private transformColumns(grid: Float64Array, inverse: boolean): void {
    const { rows, cols } = this;
    for (let c = 0; c < cols; c++) {
      for (let r = 0; r < rows; r++) {
        this.colIn[2 * r] = grid[2 * (r * cols + c)]!;
        this.colIn[2 * r + 1] = grid[2 * (r * cols + c) + 1]!;
      }
      if (inverse) this.colFft.inverseTransform(this.colOut, this.colIn);
      else this.colFft.transform(this.colOut, this.colIn);
      for (let r = 0; r < rows; r++) {
        grid[2 * (r * cols + c)] = this.colOut[2 * r]!;
        grid[2 * (r * cols + c) + 1] = this.colOut[2 * r + 1]!;
      }
    }
  }
}

export function nextPowerOfTwo(n: number): number {
  return 2 ** Math.ceil(Math.log2(Math.max(1, n)));
}

function isPowerOfTwo(n: number): boolean {
  return n >= 1 && (n & (n - 1)) === 0;
}
