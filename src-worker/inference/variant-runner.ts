// What the inference thread and the preview need from an opened pack variant, whichever its kind:
// frames or windows in, every branch out (base first), and for latent packs a clip start that
// fixes the sampler's timesteps and clears the recurrent state.
import type { SamplerSettings } from '../../src-shared/jobs/sampler-settings.js';
import type { PlanarFrame } from '../frames/planar-frame.js';
import type { Device } from './execution.js';

/** How a latent pack's sampler runs for a clip. */
export interface ClipStart {
  timestep: number;
  draftTimesteps: number[];
  /** The estimator's d, when the start timestep came from it. */
  degradation: number | null;
  seed: number;
}

export interface VariantRunner {
  readonly device: Device;
  /** Milliseconds inside onnxruntime's run(), all models, so far. */
  runMs(): number;
  /** Milliseconds outside onnxruntime (tiles, cross-fades and, for latent packs, the sampler), so far. */
  readonly hostMs: number;
  /**
   * A new clip begins: `first` is its first frame (for a degradation estimate), `offset` the
   * source index of that frame (a trimmed render starts inside the source), which frame indices
   * below are counted from. Pixel packs have nothing to do and return null.
   */
  startClip(first: PlanarFrame | null, settings: SamplerSettings, offset?: number): Promise<ClipStart | null>;
  /**
   * One frame (clip index `index`): its branches. `onBranch` hears of a branch as soon as it is
   * complete, before the later ones are computed (pixel packs; latent packs finish them together).
   */
  upscaleFrame(frame: PlanarFrame, index: number, onTile?: (done: number, total: number) => void, onBranch?: (index: number, branch: PlanarFrame) => void): Promise<PlanarFrame[]>;
  /** A temporal window starting at clip frame `start`: per frame, its branches. */
  upscaleWindow(frames: PlanarFrame[], start: number): Promise<PlanarFrame[][]>;
  release(): Promise<void>;
}
