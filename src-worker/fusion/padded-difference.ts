// The input of every fusion transform: draft − base, reflect-padded by `border` onto the grid,
// one plane as the real part and optionally a second as the imaginary part. Reflection makes many
// grid rows repeat earlier ones; those are left unwritten, for Fft2d.forward() to copy.
import { reflectIndex } from '../../src-shared/tiles/tile-plan.js';

export interface ReflectPadding {
  /** The frame row and column each grid row and column reads. */
  sourceRow: Int32Array;
  sourceCol: Int32Array;
  /** For each grid row, the first grid row with the same content (itself when none earlier). */
  sameRowAs: Int32Array;
}

export function reflectPadding(width: number, height: number, border: number, rows: number, cols: number): ReflectPadding {
  const sourceRow = Int32Array.from({ length: rows }, (_, r) => reflectIndex(r - border, height));
  const sourceCol = Int32Array.from({ length: cols }, (_, c) => reflectIndex(c - border, width));
  const firstRowOf = new Map<number, number>();
  const sameRowAs = sourceRow.map((y, r) => firstRowOf.get(y) ?? (firstRowOf.set(y, r), r));
  return { sourceRow, sourceCol, sameRowAs };
}

/** Fills `grid` (rows × cols, interleaved complex) with the padded difference of one or two planes. */
export function writePaddedDifference(grid: Float64Array, padding: ReflectPadding, width: number, base: Float32Array[], draft: Float32Array[]): void {
  const { sourceRow, sourceCol, sameRowAs } = padding;
  const cols = sourceCol.length;
  const [baseRe, draftRe] = [base[0]!, draft[0]!];
  const [baseIm, draftIm] = base.length > 1 ? [base[1]!, draft[1]!] : [null, null];
  for (let r = 0; r < sourceRow.length; r++) {
    if (sameRowAs[r] !== r) continue;
    const rowStart = sourceRow[r]! * width;
    for (let c = 0; c < cols; c++) {
      const i = rowStart + sourceCol[c]!;
      const cell = 2 * (r * cols + c);
      grid[cell] = draftRe[i]! - baseRe[i]!;
      grid[cell + 1] = baseIm ? draftIm![i]! - baseIm[i]! : 0;
    }
  }
}
