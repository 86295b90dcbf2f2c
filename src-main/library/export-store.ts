// Exports of finished renders: where to, with what codec settings, how it went and what the
// verification found.
import type { ExportRecord, Verification } from '../../src-shared/api/library-records.js';
import type { EncodeSettings } from '../../src-shared/jobs/render-job.js';
import { now, type Statements } from './statements.js';

interface ExportRow {
  id: number;
  render_id: number;
  clip_id: number;
  target: string;
  codec: string;
  crf: number;
  preset: string;
  mode: 'copy' | 'encode' | null;
  status: 'running' | 'done' | 'failed';
  error: string | null;
  verification: string | null;
  created_at: string;
  finished_at: string | null;
}

const SELECT_EXPORTS = 'SELECT e.*, r.clip_id FROM exports e JOIN renders r ON r.id = e.render_id';

export class ExportStore {
  constructor(private readonly sql: Statements) {}

  create(renderId: number, target: string, encode: EncodeSettings): number {
    const result = this.sql
      .get("INSERT INTO exports (render_id, target, codec, crf, preset, status, created_at) VALUES (?, ?, ?, ?, ?, 'running', ?)")
      .run(renderId, target, encode.codec, encode.crf, encode.preset, now());
    return Number(result.lastInsertRowid);
  }

  record(id: number): ExportRecord | null {
    const row = this.sql.get(`${SELECT_EXPORTS} WHERE e.id = ?`).get(id) as ExportRow | undefined;
    return row ? toRecord(row) : null;
  }

  list(filter: { renderId?: number | undefined; clipId?: number | undefined }): ExportRecord[] {
    const where: string[] = [];
    const params: number[] = [];
    if (filter.renderId !== undefined) {
      where.push('e.render_id = ?');
      params.push(filter.renderId);
    }
    if (filter.clipId !== undefined) {
      where.push('r.clip_id = ?');
      params.push(filter.clipId);
    }
    return (this.sql.get(`${SELECT_EXPORTS}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY e.id`).all(...params) as ExportRow[]).map(toRecord);
  }

  /** Another export already writing this file. */
  runningTo(target: string): number | null {
    const row = this.sql.get("SELECT id FROM exports WHERE target = ? AND status = 'running'").get(target) as { id: number } | undefined;
    return row?.id ?? null;
  }

  finish(id: number, mode: 'copy' | 'encode', verification: Verification): void {
    this.sql.get("UPDATE exports SET status = 'done', mode = ?, verification = ?, finished_at = ? WHERE id = ?").run(mode, JSON.stringify(verification), now(), id);
  }

  fail(id: number, error: string): void {
    this.sql.get("UPDATE exports SET status = 'failed', error = ?, finished_at = ? WHERE id = ?").run(error, now(), id);
  }

  /** Exports a crash interrupted: their partial files were never renamed into place. */
  failInterrupted(): number[] {
    const ids = (this.sql.get("SELECT id FROM exports WHERE status = 'running'").all() as { id: number }[]).map((r) => r.id);
    this.sql.get("UPDATE exports SET status = 'failed', error = 'Specula stopped before the export finished; export again.', finished_at = ? WHERE status = 'running'").run(now());
    return ids;
  }
}

function toRecord(row: ExportRow): ExportRecord {
  return {
    id: row.id,
    renderId: row.render_id,
    clipId: row.clip_id,
    target: row.target,
    codec: row.codec,
    crf: row.crf,
    preset: row.preset,
    mode: row.mode,
    status: row.status,
    error: row.error,
    verification: row.verification ? (JSON.parse(row.verification) as Verification) : null,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}
