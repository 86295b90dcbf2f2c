// Each clip's thumbnail strip: pending until the background maker gets to it, then ready (a JPEG)
// or failed (with the reason).
import type { Statements } from './statements.js';

export class ThumbnailStore {
  constructor(private readonly sql: Statements) {}

  pending(): number[] {
    return (this.sql.get("SELECT id FROM clips WHERE thumbnail = 'pending' ORDER BY id").all() as { id: number }[]).map((r) => r.id);
  }

  setReady(clipId: number, image: Buffer, frames: number[]): void {
    this.save(clipId, 'ready', image, frames, null);
  }

  setFailed(clipId: number, error: string): void {
    this.save(clipId, 'failed', null, [], error);
  }

  private save(clipId: number, status: 'ready' | 'failed', image: Buffer | null, frames: number[], error: string | null): void {
    this.sql.db.transaction(() => {
      if (this.sql.get('UPDATE clips SET thumbnail = ? WHERE id = ?').run(status, clipId).changes === 0) return;
      this.sql.get('INSERT OR REPLACE INTO thumbnails (clip_id, image, frames, error) VALUES (?, ?, ?, ?)').run(clipId, image, JSON.stringify(frames), error);
    })();
  }

  image(clipId: number): Buffer | null {
    const row = this.sql.get('SELECT image FROM thumbnails WHERE clip_id = ? AND image IS NOT NULL').get(clipId) as { image: Buffer } | undefined;
    return row?.image ?? null;
  }
}
