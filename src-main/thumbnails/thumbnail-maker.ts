// Makes thumbnail strips in the background, one clip at a time, oldest first. Importing never
// waits for it; the UI hears about each strip through clipsChanged.
import type { EventBus } from '../api/event-bus.js';
import type { Library } from '../library/library.js';
import { makeStrip } from './thumbnail-strip.js';

export class ThumbnailMaker {
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly library: Library,
    private readonly events: EventBus,
    private readonly ffmpeg: string,
  ) {}

  /** Starts working through the pending strips, unless it already is. */
  wake(): void {
    if (this.stopped || this.running) return;
    this.running = this.work().finally(() => (this.running = null));
  }

  /** Resolves once no strip is pending or being made. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.idle();
  }

  private async work(): Promise<void> {
    for (let pending = this.library.thumbnails.pending(); pending.length > 0 && !this.stopped; pending = this.library.thumbnails.pending()) {
      for (const clipId of pending) {
        if (this.stopped) return;
        const media = this.library.clips.media(clipId);
        if (!media) continue;
        try {
          const strip = await makeStrip(this.ffmpeg, media);
          if (this.stopped || !this.library.db.open) return;
          this.library.thumbnails.setReady(clipId, strip.image, strip.frames);
        } catch (error) {
          if (this.stopped || !this.library.db.open) return;
          this.library.thumbnails.setFailed(clipId, error instanceof Error ? error.message : String(error));
        }
        this.events.emit('clipsChanged', { added: [], updated: [clipId], removed: [] });
      }
    }
  }
}
