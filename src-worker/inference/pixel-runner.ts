// A pixel pack's variant as a VariantRunner: the base and drafts over tiles, frame by frame or
// window by window.
import type { PackVariant } from '../../src-shared/packs/pack-manifest.js';
import type { PlanarFrame } from '../frames/planar-frame.js';
import type { OpenedVariant } from './pack-sessions.js';
import { upscaleTiled, upscaleWindowTiled, type TileSettings } from './tiled-upscale.js';
import type { ClipStart, VariantRunner } from './variant-runner.js';

export class PixelRunner implements VariantRunner {
  hostMs = 0;

  constructor(
    private readonly variant: PackVariant,
    readonly sessions: OpenedVariant,
    private readonly tileSettings: TileSettings,
  ) {}

  get device(): OpenedVariant['device'] {
    return this.sessions.device;
  }

  runMs(): number {
    return [this.sessions.base, ...this.sessions.drafts].reduce((sum, s) => sum + s.runMs, 0);
  }

  async startClip(): Promise<ClipStart | null> {
    return null;
  }

  async upscaleFrame(frame: PlanarFrame, _index: number, onTile?: (done: number, total: number) => void, onBranch?: (index: number, branch: PlanarFrame) => void): Promise<PlanarFrame[]> {
    const tiled = await upscaleTiled(frame, this.variant, this.sessions, this.tileSettings, onTile, onBranch);
    this.hostMs += tiled.tilingMs;
    return tiled.branches;
  }

  upscaleWindow(frames: PlanarFrame[]): Promise<PlanarFrame[][]> {
    return upscaleWindowTiled(frames, this.variant, this.sessions, this.tileSettings);
  }

  release(): Promise<void> {
    return this.sessions.release();
  }
}
