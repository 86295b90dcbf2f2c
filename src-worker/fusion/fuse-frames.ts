// The PS-SR frequency-domain update: out = base + alpha * HP(draft - base), per channel.
// The difference is reflect-padded (by at least `border`) to a grid whose sides are each a power
// of two or three times one (mixed-fft.ts), transformed, multiplied by the high-pass mask and
// transformed back. Two channels ride in one complex
// transform (one as the real part, one as the imaginary part): the mask is real and symmetric,
// so it filters both without mixing them.
import type { FusionSettings } from '../../src-shared/fusion/fusion-settings.js';
import { lowPassMask } from '../../src-shared/fusion/frequency-mask.js';
import { createFrame, type PlanarFrame } from '../frames/planar-frame.js';
import { Fft2d } from './fft2d.js';
import { fftLength } from './mixed-fft.js';
import { reflectPadding, writePaddedDifference } from './padded-difference.js';

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
  return { rows: fftLength(height + 2 * border), cols: fftLength(width + 2 * border) };
}

/** Builds the plan for frames of this size now, so that the first fusion does not wait for it. */
export function prepareFusion(width: number, height: number, settings: FusionSettings): void {
  if (settings.alpha === 0) return;
  const { rows, cols } = fusedGridSize(width, height, settings.border);
  planFor(rows, cols, settings);
}

/**
 * Runs the fusion's code a few times on a small grid (a power-of-two side and a three-times-one),
 * in both shapes of call, two planes (one complex transform) and one: cold, before the JIT had
 * compiled it, a preview's one 1280x720 fusion took 330 ms against 160 ms warm. Once per thread.
 */
export function warmFusionCode(settings: FusionSettings): void {
  const small = { width: Math.max(8, 96 - 2 * settings.border), height: Math.max(8, 128 - 2 * settings.border) };
  const plane = (k: number): Float32Array => Float32Array.from({ length: small.width * small.height }, (_, i) => (i * k) % 251);
  for (let round = 0; round < 6; round++) {
    for (const planes of [2, 1]) {
      const base = Array.from({ length: planes }, (_, c) => plane(7 + c));
      const draft = Array.from({ length: planes }, (_, c) => plane(13 + c));
      runToEnd(fusePlanes(base, draft, small.width, small.height, settings));
    }
  }
}

/** The fusion in one go, on the calling thread. */
export function fuseFrames(base: PlanarFrame, draft: PlanarFrame, settings: FusionSettings): PlanarFrame {
  if (draft.width !== base.width || draft.height !== base.height) throw new Error('base and draft sizes differ');
  const planes = runToEnd(fusePlanes(planesOf(base), planesOf(draft), base.width, base.height, settings));
  return joinPlanes(base.width, base.height, planes);
}

export function planesOf(frame: PlanarFrame): Float32Array[] {
  const plane = frame.width * frame.height;
  return [0, 1, 2].map((c) => frame.data.subarray(c * plane, (c + 1) * plane));
}

export function joinPlanes(width: number, height: number, planes: Float32Array[]): PlanarFrame {
  const out = createFrame(width, height);
  planes.forEach((p, c) => out.data.set(p, c * width * height));
  return out;
}

export function runToEnd<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Fuses any number of planes (two per complex transform), returning new planes. A generator
 * that pauses every few rows, so that a caller can interleave other work.
 */
export function* fusePlanes(base: Float32Array[], draft: Float32Array[], width: number, height: number, settings: FusionSettings): Generator<void, Float32Array[]> {
  const out = base.map((p) => p.slice());
  if (settings.alpha === 0) return out;
  const { border, alpha } = settings;
  const { rows, cols } = fusedGridSize(width, height, border);
  const { fft, highPass, grid } = planFor(rows, cols, settings);
  const padding = reflectPadding(width, height, border, rows, cols);
  for (let re = 0; re < base.length; re += 2) {
    const outRe = out[re]!;
    const outIm = out[re + 1] ?? null;
    writePaddedDifference(grid, padding, width, base.slice(re, re + 2), draft.slice(re, re + 2));
    yield;
    yield* fft.forward(grid, padding.sameRowAs);
    for (let k = 0; k < rows * cols; k++) {
      grid[2 * k]! *= highPass[k]!;
      grid[2 * k + 1]! *= highPass[k]!;
    }
    yield;
    yield* fft.inverse(grid, border, border + height);
    for (let y = 0; y < height; y++) {
      const rowStart = 2 * ((y + border) * cols + border);
      for (let x = 0; x < width; x++) {
        const i = y * width + x;
        outRe[i]! += alpha * grid[rowStart + 2 * x]!;
        if (outIm) outIm[i]! += alpha * grid[rowStart + 2 * x + 1]!;
      }
    }
  }
  return out;
}
