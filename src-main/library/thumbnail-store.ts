// Each clip's thumbnail strip: pending until the background maker gets to it, then ready (a JPEG)
// or failed (with the reason).
import type { Statements } from './statements.js';

export class ThumbnailStore {
  constructor(private readonly sql: Statements) {}

  pending(): number[] {
    return (this.sql.get("SELECT clip_id FROM thumbnails WHERE status = 'pending' ORDER BY clip_id").all() as { clip_id: number }[]).map((r) => r.clip_id);
  }

  setReady(clipId: number, image: Buffer, frames: number[]): void {
    this.sql.get("UPDATE thumbnails SET status = 'ready', image = ?, frames = ?, error = NULL WHERE clip_id = ?").run(image, JSON.stringify(frames), clipId);
  }

  setFailed(clipId: number, error: string): void {
    this.sql.get("UPDATE thumbnails SET status = 'failed', error = ? WHERE clip_id = ?").run(error, clipId);
  }

  image(clipId: number): Buffer | null {
    const row = this.sql.get("SELECT image FROM thumbnails WHERE clip_id = ? AND status = 'ready'").get(clipId) as { image: Buffer } | undefined;
    return row?.image ?? null;
  }
}
