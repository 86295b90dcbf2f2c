// Runs a pack variant over one frame: the base over every tile, then each draft over the same
// tiles (drafts may read the LR tile, the base's output, or the previous branch's output), and
// cross-fades every branch's cores into its own full-size canvas. Branch 0 is the base;
// branch k is base+draft_k, as the PS-SR inference script keeps them.
import type { PackVariant } from '../../src-shared/packs/pack-manifest.js';
import { crossFadeWeight, planTiles, reflectIndex, type Tile } from '../../src-shared/tiles/tile-plan.js';
import { createFrame, type PlanarFrame } from '../frames/planar-frame.js';
import type { ImageTensor, ModelSession } from './model-session.js';

export interface TileSettings {
  tile: number;
  overlap: number;
  context: number;
  multiple: number;
}

export interface VariantSessions {
  base: ModelSession;
  drafts: ModelSession[];
}

export interface TiledResult {
  branches: PlanarFrame[];
  tiles: number;
  /** Milliseconds outside onnxruntime: tile extraction and cross-fading. */
  tilingMs: number;
}

/** `onBranch` hears of each branch as soon as its frame is complete (branch 0, the base, first). */
export async function upscaleTiled(
  frame: PlanarFrame,
  variant: PackVariant,
  sessions: VariantSessions,
  settings: TileSettings,
  onTile?: (done: number, total: number) => void,
  onBranch?: (index: number, branch: PlanarFrame) => void,
): Promise<TiledResult> {
  const { scale } = variant;
  const tiles = planTiles({ width: frame.width, height: frame.height, ...settings });
  const branches = [variant.base, ...variant.drafts].map(() => createFrame(frame.width * scale, frame.height * scale));
  const total = tiles.length * branches.length;
  let tilingMs = 0;
  let started = performance.now();
  const lr = tiles.map((tile) => extractTile(frame, tile));
  tilingMs += performance.now() - started;
  // One model over every tile before the next model: each session's weights and workspace stay
  // warm in the cache, and only the previous branch's tile outputs are held.
  let previous: ImageTensor[] = [];
  let base: ImageTensor[] = [];
  for (let b = 0; b < branches.length; b++) {
    const outputs: ImageTensor[] = [];
    for (const [index, tile] of tiles.entries()) {
      let output: ImageTensor;
      if (b === 0) {
        output = await sessions.base.run({ [variant.base.input]: lr[index]! });
      } else {
        const draft = variant.drafts[b - 1]!;
        const inputs: Record<string, ImageTensor> = {};
        for (const input of draft.inputs) inputs[input.name] = input.source === 'lr' ? lr[index]! : input.source === 'base' ? base[index]! : previous[index]!;
        output = await sessions.drafts[b - 1]!.run(inputs);
      }
      started = performance.now();
      accumulateCore(branches[b]!, output, tile, settings.context, scale);
      tilingMs += performance.now() - started;
      outputs.push(output);
      onTile?.(b * tiles.length + index + 1, total);
    }
    onBranch?.(b, branches[b]!);
    if (b === 0 && variant.drafts.some((d) => d.inputs.some((i) => i.source === 'base'))) base = outputs;
    previous = outputs;
  }
  return { branches, tiles: tiles.length, tilingMs };
}

/**
 * A window of frames through a multi-frame pack: each tile goes to the models as one
 * [1, T, 3, h, w] tensor, and every frame of every branch is cross-faded into its own canvas.
 * Returns, per frame of the window, its branches (base first).
 */
export async function upscaleWindowTiled(frames: PlanarFrame[], variant: PackVariant, sessions: VariantSessions, settings: TileSettings): Promise<PlanarFrame[][]> {
  const { scale } = variant;
  const [first] = frames;
  if (!first) return [];
  const count = frames.length;
  const tiles = planTiles({ width: first.width, height: first.height, ...settings });
  const out = frames.map(() => [variant.base, ...variant.drafts].map(() => createFrame(first.width * scale, first.height * scale)));
  for (const tile of tiles) {
    const perFrame = frames.map((f) => extractTile(f, tile).data);
    const size = perFrame[0]!.length;
    const lr: ImageTensor = { data: new Float32Array(size * count), dims: [1, count, 3, tile.inputHeight, tile.inputWidth] };
    perFrame.forEach((d, t) => lr.data.set(d, t * size));
    const outputs = [await sessions.base.run({ [variant.base.input]: lr })];
    for (const [k, draft] of variant.drafts.entries()) {
      const inputs: Record<string, ImageTensor> = {};
      for (const input of draft.inputs) inputs[input.name] = input.source === 'lr' ? lr : input.source === 'base' ? outputs[0]! : outputs[outputs.length - 1]!;
      outputs.push(await sessions.drafts[k]!.run(inputs));
    }
    outputs.forEach((output, b) => {
      const [, t, channels, outH, outW] = output.dims as [number, number, number, number, number];
      if (t !== count) throw new Error(`the model returned ${t} frames for a window of ${count}`);
      const frameSize = channels * outH * outW;
      for (let f = 0; f < count; f++) {
        accumulateCore(out[f]![b]!, { data: output.data.subarray(f * frameSize, (f + 1) * frameSize), dims: [1, channels, outH, outW] }, tile, settings.context, scale);
      }
    });
  }
  return out;
}

/** The tile's input region as NCHW, reflecting at the frame borders. */
export function extractTile(frame: PlanarFrame, tile: Tile): ImageTensor {
  const { inputWidth: w, inputHeight: h } = tile;
  const data = new Float32Array(3 * w * h);
  const cols = Int32Array.from({ length: w }, (_, x) => reflectIndex(tile.inputX + x, frame.width));
  const plane = frame.width * frame.height;
  for (let y = 0; y < h; y++) {
    const rowOffset = reflectIndex(tile.inputY + y, frame.height) * frame.width;
    for (let c = 0; c < 3; c++) {
      const src = c * plane + rowOffset;
      const dst = (c * h + y) * w;
      for (let x = 0; x < w; x++) data[dst + x] = frame.data[src + cols[x]!]!;
    }
  }
  return { data, dims: [1, 3, h, w] };
}

export function accumulateCore(canvas: PlanarFrame, output: ImageTensor, tile: Tile, context: number, scale: number): void {
  const [, channels, outH, outW] = output.dims as [number, number, number, number];
  if (channels !== 3 || outW !== tile.inputWidth * scale || outH !== tile.inputHeight * scale) {
    throw new Error(`the model returned ${outW}x${outH}x${channels} for a ${tile.inputWidth}x${tile.inputHeight} tile; the pack says x${scale}`);
  }
  const coreW = (tile.x.end - tile.x.start) * scale;
  const coreH = (tile.y.end - tile.y.start) * scale;
  const wx = Float32Array.from({ length: coreW }, (_, i) => crossFadeWeight(i, coreW, tile.x.overlapBefore * scale, tile.x.overlapAfter * scale));
  const offset = context * scale;
  const plane = canvas.width * canvas.height;
  for (let y = 0; y < coreH; y++) {
    const wy = crossFadeWeight(y, coreH, tile.y.overlapBefore * scale, tile.y.overlapAfter * scale);
    const canvasRow = (tile.y.start * scale + y) * canvas.width + tile.x.start * scale;
    for (let c = 0; c < 3; c++) {
      const src = (c * outH + offset + y) * outW + offset;
      const dst = c * plane + canvasRow;
      for (let x = 0; x < coreW; x++) canvas.data[dst + x]! += wy * wx[x]! * output.data[src + x]!;
    }
  }
}
