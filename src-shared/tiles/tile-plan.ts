// Spatial tiling, planned in input (low-resolution) pixels. Each tile has a core that it owns,
// shared with its neighbours only across the overlap, and context around the core that the model
// sees but whose output is cropped off. Cores are cross-faded over the overlap with a raised
// cosine whose weights sum to one, so where every tile sees enough context the tiled result is
// the untiled one.

export interface AxisSpan {
  /** First input pixel of the core. */
  start: number;
  /** One past the last input pixel of the core. */
  end: number;
  /** Overlap with the previous core (0 for the first). */
  overlapBefore: number;
  /** Overlap with the next core (0 for the last). */
  overlapAfter: number;
}

export interface Tile {
  x: AxisSpan;
  y: AxisSpan;
  /** The region fed to the model, in input pixels; may reach outside the frame (reflect-padded). */
  inputX: number;
  inputY: number;
  inputWidth: number;
  inputHeight: number;
}

export interface TilePlanOptions {
  width: number;
  height: number;
  /** Core side in input pixels (the last tile of a row or column may be shorter when the frame is). */
  tile: number;
  overlap: number;
  context: number;
  /** Model input sides must be multiples of this. */
  multiple: number;
}

export function planAxis(length: number, tile: number, overlap: number): AxisSpan[] {
  if (length <= 0) throw new Error('frame side must be positive');
  if (tile <= 2 * overlap) throw new Error(`tile (${tile}) must be more than twice the overlap (${overlap})`);
  if (length <= tile) return [{ start: 0, end: length, overlapBefore: 0, overlapAfter: 0 }];
  const count = Math.ceil((length - overlap) / (tile - overlap));
  const starts = Array.from({ length: count }, (_, i) => Math.round((i * (length - tile)) / (count - 1)));
  return starts.map((start, i) => ({
    start,
    end: start + tile,
    overlapBefore: i === 0 ? 0 : starts[i - 1]! + tile - start,
    overlapAfter: i === count - 1 ? 0 : start + tile - starts[i + 1]!,
  }));
}

export function planTiles(options: TilePlanOptions): Tile[] {
  const { width, height, tile, overlap, context, multiple } = options;
  const xs = planAxis(width, tile, overlap);
  const ys = planAxis(height, tile, overlap);
  const tiles: Tile[] = [];
  for (const y of ys) {
    for (const x of xs) {
      const inputWidth = roundUp(x.end - x.start + 2 * context, multiple);
      const inputHeight = roundUp(y.end - y.start + 2 * context, multiple);
      tiles.push({ x, y, inputX: x.start - context, inputY: y.start - context, inputWidth, inputHeight });
    }
  }
  return tiles;
}

/**
 * Weight of output pixel `i` (0-based within the core, in output pixels) along one axis, for a
 * core of `length` output pixels with the given overlaps (in output pixels). A neighbour's ramp is
 * the complement of this one, so the weights of overlapping cores sum to one.
 */
export function crossFadeWeight(i: number, length: number, overlapBefore: number, overlapAfter: number): number {
  if (i < overlapBefore) return raisedCosine((i + 0.5) / overlapBefore);
  const fromEnd = length - 1 - i;
  if (fromEnd < overlapAfter) return 1 - raisedCosine((overlapAfter - fromEnd - 0.5) / overlapAfter);
  return 1;
}

function raisedCosine(t: number): number {
  return 0.5 - 0.5 * Math.cos(Math.PI * t);
}

/** The largest tile whose activations fit the memory budget, at the model's multiple, within its limits. */
export function tileSizeForBudget(budgetBytes: number, bytesPerInputPixel: number, context: number, limits: { multiple: number; min: number; max: number }): number {
  const side = Math.floor(Math.sqrt(budgetBytes / bytesPerInputPixel)) - 2 * context;
  const rounded = Math.floor(side / limits.multiple) * limits.multiple;
  return Math.max(limits.min, Math.min(limits.max, rounded));
}

function roundUp(value: number, multiple: number): number {
  return Math.ceil(value / multiple) * multiple;
}

/** Mirror index into [0, n) without repeating the edge pixel (numpy's and ffmpeg's "reflect"). */
export function reflectIndex(i: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * (n - 1);
  const m = ((i % period) + period) % period;
  return m < n ? m : period - m;
}
