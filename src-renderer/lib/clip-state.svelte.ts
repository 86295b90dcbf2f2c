// One clip on screen: its details and settings, the playhead (a frame index, exact), the picture
// of that frame, source playback, and saving settings and the trim.
import type { SpeculaApi } from '../../src-shared/api/contract.js';
import type { ClipDetail } from '../../src-shared/api/library-records.js';
import type { ClipOverrides, ClipSettingKey } from '../../src-shared/library/clip-settings.js';
import { frameRateValue } from '../../src-shared/media/media-info.js';
import { errorText } from './api.js';

export class ClipState {
  detail = $state.raw<ClipDetail | null>(null);
  frame = $state(0);
  /** The exact picture of the frame at the playhead (or the last one loaded while the next is made). */
  framePicture = $state<string | null>(null);
  pictureFrame = $state<number | null>(null);
  playing = $state(false);
  saving = $state(false);
  error = $state<string | null>(null);
  private loadingFrame = false;
  private wantedFrame: number | null = null;
  private readonly stop: () => void;

  constructor(
    private readonly api: SpeculaApi,
    private readonly media: (ref: string) => string,
    readonly clipId: number,
  ) {
    this.stop = api.onClipsChanged(({ updated, removed }) => {
      if (updated.includes(clipId)) void this.load();
      if (removed.includes(clipId)) this.detail = null;
    });
    void this.load().then(() => this.seek(0));
  }

  dispose(): void {
    this.stop();
  }

  get frames(): number {
    return this.detail?.frames ?? 0;
  }

  get rate(): number {
    return frameRateValue(this.detail?.frameRate ?? '') || 25;
  }

  get sourceUrl(): string {
    return this.media(`clips/${this.clipId}/source`);
  }

  get stripUrl(): string | null {
    return this.detail?.thumbnail === 'ready' ? this.media(`thumbnails/${this.clipId}.jpg`) : null;
  }

  get trimIn(): number {
    return this.detail?.effective.trimIn ?? 0;
  }

  get trimOut(): number {
    return this.detail?.effective.trimOut ?? this.frames;
  }

  async load(): Promise<void> {
    try {
      this.detail = await this.api.getClip({ id: this.clipId });
    } catch (error) {
      this.error = errorText(error);
    }
  }

  /** Moves the playhead; the frame's picture follows (the newest asked for wins). */
  seek(frame: number): void {
    if (this.frames === 0) return;
    this.frame = Math.max(0, Math.min(this.frames - 1, Math.round(frame)));
    if (!this.playing) this.requestPicture(this.frame);
  }

  step(delta: number): void {
    this.seek(this.frame + delta);
  }

  /** While the source plays, the playhead follows the video; the exact picture comes when it stops. */
  followPlayback(seconds: number): void {
    this.frame = Math.max(0, Math.min(this.frames - 1, Math.floor(seconds * this.rate + 1e-6)));
  }

  setPlaying(playing: boolean): void {
    this.playing = playing;
    if (!playing) this.requestPicture(this.frame);
  }

  async set(patch: ClipOverrides): Promise<boolean> {
    this.saving = true;
    this.error = null;
    try {
      this.detail = await this.api.setClipSettings({ clipId: this.clipId, patch });
      return true;
    } catch (error) {
      this.error = errorText(error);
      return false;
    } finally {
      this.saving = false;
    }
  }

  async reset(keys: ClipSettingKey[]): Promise<void> {
    this.error = null;
    try {
      this.detail = await this.api.resetClipSettings({ clipId: this.clipId, keys });
    } catch (error) {
      this.error = errorText(error);
    }
  }

  setTrimIn(): Promise<boolean> {
    return this.set({ trimIn: this.frame, ...(this.trimOut <= this.frame ? { trimOut: null } : {}) });
  }

  setTrimOut(): Promise<boolean> {
    return this.set({ trimOut: this.frame + 1, ...(this.trimIn > this.frame ? { trimIn: 0 } : {}) });
  }

  private requestPicture(frame: number): void {
    this.wantedFrame = frame;
    if (!this.loadingFrame) void this.loadPictures();
  }

  private async loadPictures(): Promise<void> {
    this.loadingFrame = true;
    try {
      while (this.wantedFrame !== null) {
        const frame = this.wantedFrame;
        this.wantedFrame = null;
        const picture = await this.api.getClipFrame({ clipId: this.clipId, frame });
        this.framePicture = this.media(picture.image);
        this.pictureFrame = frame;
      }
    } catch (error) {
      this.error = errorText(error);
    } finally {
      this.loadingFrame = false;
    }
  }
}
