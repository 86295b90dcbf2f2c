// Renders and their finished segments. A render's row says what it was asked to do (a snapshot
// of the settings), where it stands, and why it failed; a segment is recorded once its file is
// complete, so the rows always name work that a resume or an export can use.
import type { RenderRecord, RenderStatus } from '../../src-shared/api/library-records.js';
import type { Device } from '../../src-shared/jobs/engine-settings.js';
import type { SegmentRecord } from '../../src-shared/jobs/render-job.js';
import type { ClipSettings } from '../../src-shared/library/clip-settings.js';
import { now, type Statements } from './statements.js';

export interface NewRender {
  clipId: number;
  priority: number;
  settings: ClipSettings;
  /** The render's folder, from its id. */
  workDirFor(id: number): string;
  width: number;
  height: number;
  framesTotal: number;
}

interface RenderRow {
  id: number;
  clip_id: number;
  clip_name: string;
  status: RenderStatus;
  priority: number;
  settings: string;
  work_dir: string;
  width: number;
  height: number;
  frames_total: number;
  frames_done: number;
  stage: string | null;
  attempts: number;
  device: string | null;
  error: string | null;
  queued_at: string;
  started_at: string | null;
  finished_at: string | null;
  seconds: number | null;
  inference_ms: number | null;
  segments: number;
}

const SELECT_RENDERS = `
  SELECT r.*, c.name AS clip_name, (SELECT count(*) FROM segments s WHERE s.render_id = r.id) AS segments
  FROM renders r JOIN clips c ON c.id = r.clip_id`;

export class RenderStore {
  constructor(private readonly sql: Statements) {}

  create(render: NewRender): number {
    const result = this.sql
      .get(
        `INSERT INTO renders (clip_id, status, priority, settings, work_dir, width, height, frames_total, queued_at)
         VALUES (?, 'queued', ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(render.clipId, render.priority, JSON.stringify(render.settings), '', render.width, render.height, render.framesTotal, now());
    const id = Number(result.lastInsertRowid);
    this.sql.get('UPDATE renders SET work_dir = ? WHERE id = ?').run(render.workDirFor(id), id);
    return id;
  }

  record(id: number): RenderRecord | null {
    const row = this.sql.get(`${SELECT_RENDERS} WHERE r.id = ?`).get(id) as RenderRow | undefined;
    return row ? toRecord(row) : null;
  }

  workDir(id: number): string | null {
    const row = this.sql.get('SELECT work_dir FROM renders WHERE id = ?').get(id) as { work_dir: string } | undefined;
    return row?.work_dir ?? null;
  }

  list(filter: { clipId?: number | undefined; status?: RenderStatus[] | undefined }): RenderRecord[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.clipId !== undefined) {
      where.push('r.clip_id = ?');
      params.push(filter.clipId);
    }
    if (filter.status?.length) {
      where.push(`r.status IN (${filter.status.map(() => '?').join(', ')})`);
      params.push(...filter.status);
    }
    const rows = this.sql.get(`${SELECT_RENDERS}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY r.id`).all(...params) as RenderRow[];
    return rows.map(toRecord);
  }

  latestForClip(clipId: number): RenderRecord | null {
    const row = this.sql.get(`${SELECT_RENDERS} WHERE r.clip_id = ? ORDER BY r.id DESC LIMIT 1`).get(clipId) as RenderRow | undefined;
    return row ? toRecord(row) : null;
  }

  /** The next render to start: highest priority first, then first queued, on a device with a free worker. */
  nextWaiting(devices: Device[]): number | null {
    if (devices.length === 0) return null;
    const row = this.sql
      .get(`SELECT id FROM renders WHERE status = 'queued' AND json_extract(settings, '$.device') IN (${devices.map(() => '?').join(', ')}) ORDER BY priority DESC, id LIMIT 1`)
      .get(...devices) as { id: number } | undefined;
    return row?.id ?? null;
  }

  markRunning(id: number, device: string): void {
    this.sql.get("UPDATE renders SET status = 'running', device = ?, attempts = attempts + 1, error = NULL, stage = 'load', started_at = coalesce(started_at, ?), finished_at = NULL WHERE id = ?").run(device, now(), id);
  }

  setStatus(id: number, status: RenderStatus, error: string | null = null): void {
    const finished = status === 'done' || status === 'failed' || status === 'cancelled' ? now() : null;
    this.sql.get('UPDATE renders SET status = ?, error = ?, finished_at = ?, stage = NULL WHERE id = ?').run(status, error, finished, id);
  }

  setPriority(id: number, priority: number): void {
    this.sql.get('UPDATE renders SET priority = ? WHERE id = ?').run(priority, id);
  }

  setAttempts(id: number, attempts: number): void {
    this.sql.get('UPDATE renders SET attempts = ? WHERE id = ?').run(attempts, id);
  }

  finish(id: number, result: { seconds: number; inferenceMs: number; device: string }): void {
    this.sql
      .get("UPDATE renders SET status = 'done', error = NULL, stage = NULL, frames_done = frames_total, seconds = ?, inference_ms = ?, device = ?, finished_at = ? WHERE id = ?")
      .run(result.seconds, result.inferenceMs, result.device, now(), id);
  }

  /** Records a finished segment (once: a segment reported again by a resumed run is already here). */
  addSegment(id: number, segment: SegmentRecord): boolean {
    const added = this.sql.get('INSERT OR IGNORE INTO segments (render_id, idx, start_frame, frames, file, finished_at) VALUES (?, ?, ?, ?, ?, ?)').run(id, segment.index, segment.start, segment.frames, segment.file, now()).changes > 0;
    this.sql.get('UPDATE renders SET frames_done = (SELECT coalesce(sum(frames), 0) FROM segments WHERE render_id = ?) WHERE id = ?').run(id, id);
    return added;
  }

  segments(id: number): SegmentRecord[] {
    return (this.sql.get('SELECT idx, start_frame, frames, file FROM segments WHERE render_id = ? ORDER BY idx').all(id) as { idx: number; start_frame: number; frames: number; file: string }[]).map((s) => ({
      index: s.idx,
      start: s.start_frame,
      frames: s.frames,
      file: s.file,
    }));
  }

  deleteSegments(id: number): void {
    this.sql.get('DELETE FROM segments WHERE render_id = ?').run(id);
    this.sql.get('UPDATE renders SET frames_done = 0 WHERE id = ?').run(id);
  }

  /** Renders a crashed process left running go back to the queue; they resume from their segments. */
  requeueInterrupted(): number[] {
    const ids = (this.sql.get("SELECT id FROM renders WHERE status = 'running'").all() as { id: number }[]).map((r) => r.id);
    this.sql.get("UPDATE renders SET status = 'queued', stage = NULL WHERE status = 'running'").run();
    return ids;
  }

  counts(): Record<RenderStatus, number> {
    const counts: Record<RenderStatus, number> = { queued: 0, running: 0, paused: 0, done: 0, failed: 0, cancelled: 0 };
    for (const row of this.sql.get('SELECT status, count(*) AS n FROM renders GROUP BY status').all() as { status: RenderStatus; n: number }[]) counts[row.status] = row.n;
    return counts;
  }

  /** Frames done and in total over the renders still to finish. */
  activeFrames(): { done: number; total: number } {
    return this.sql.get("SELECT coalesce(sum(frames_done), 0) AS done, coalesce(sum(frames_total), 0) AS total FROM renders WHERE status IN ('queued', 'running', 'paused')").get() as { done: number; total: number };
  }
}

function toRecord(row: RenderRow): RenderRecord {
  return {
    id: row.id,
    clipId: row.clip_id,
    clipName: row.clip_name,
    status: row.status,
    priority: row.priority,
    settings: JSON.parse(row.settings) as ClipSettings,
    progress: { stage: row.stage ?? row.status, done: row.frames_done, total: row.frames_total, fps: null, etaSeconds: null },
    segments: row.segments,
    attempts: row.attempts,
    device: row.device,
    error: row.error,
    queuedAt: row.queued_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    seconds: row.seconds,
    inferenceMs: row.inference_ms,
    width: row.width,
    height: row.height,
  };
}
