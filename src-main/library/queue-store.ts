// The queue's own state: paused or not, workers per device, and which process runs it. Only one
// process renders a library at a time; a holder that died (its pid is gone, or it stopped
// checking in) is replaced.
import { DeviceSchema, type Device } from '../../src-shared/jobs/engine-settings.js';
import { now, type Statements } from './statements.js';

/** A holder that has not checked in for this long is taken to be gone. */
const OWNER_TIMEOUT_MS = 30_000;

interface QueueRow {
  paused: number;
  owner_pid: number | null;
  owner_seen_at: string | null;
}

export class QueueStore {
  constructor(private readonly sql: Statements) {}

  private row(): QueueRow {
    return this.sql.get('SELECT * FROM queue WHERE id = 1').get() as QueueRow;
  }

  paused(): boolean {
    return this.row().paused === 1;
  }

  setPaused(paused: boolean): void {
    this.sql.get('UPDATE queue SET paused = ? WHERE id = 1').run(paused ? 1 : 0);
  }

  /** Workers per device: one unless the user chose otherwise. */
  concurrency(): Record<Device, number> {
    const chosen = new Map((this.sql.get('SELECT device, workers FROM device_workers').all() as { device: string; workers: number }[]).map((r) => [r.device, r.workers]));
    return Object.fromEntries(DeviceSchema.options.map((d) => [d, chosen.get(d) ?? 1])) as Record<Device, number>;
  }

  setConcurrency(device: Device, workers: number): void {
    this.sql.get('INSERT INTO device_workers (device, workers) VALUES (?, ?) ON CONFLICT (device) DO UPDATE SET workers = excluded.workers').run(device, workers);
  }

  /** Takes the queue for this process, or says which live process holds it. */
  claim(pid: number, isAlive: (pid: number) => boolean): { claimed: true } | { claimed: false; holder: number } {
    return this.sql.db.transaction(() => {
      const row = this.row();
      const fresh = row.owner_seen_at !== null && Date.now() - Date.parse(row.owner_seen_at) < OWNER_TIMEOUT_MS;
      if (row.owner_pid !== null && row.owner_pid !== pid && fresh && isAlive(row.owner_pid)) return { claimed: false as const, holder: row.owner_pid };
      this.sql.get('UPDATE queue SET owner_pid = ?, owner_seen_at = ? WHERE id = 1').run(pid, now());
      return { claimed: true as const };
    }).immediate();
  }

  checkIn(pid: number): void {
    this.sql.get('UPDATE queue SET owner_seen_at = ? WHERE id = 1 AND owner_pid = ?').run(now(), pid);
  }

  release(pid: number): void {
    this.sql.get('UPDATE queue SET owner_pid = NULL, owner_seen_at = NULL WHERE id = 1 AND owner_pid = ?').run(pid);
  }
}
