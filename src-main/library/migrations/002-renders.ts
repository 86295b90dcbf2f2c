// Renders (a settings snapshot, status and progress), their finished segments, and the queue.
export const up = `
CREATE TABLE renders (
  id INTEGER PRIMARY KEY,
  clip_id INTEGER NOT NULL REFERENCES clips (id) ON DELETE CASCADE,
  status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'paused', 'done', 'failed', 'cancelled')),
  priority INTEGER NOT NULL DEFAULT 0,
  -- The clip's effective settings when it was queued (JSON ClipSettings).
  settings TEXT NOT NULL,
  work_dir TEXT NOT NULL,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  frames_total INTEGER NOT NULL,
  frames_done INTEGER NOT NULL DEFAULT 0,
  stage TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  device TEXT,
  error TEXT,
  queued_at TEXT NOT NULL,
  started_at TEXT,
  finished_at TEXT,
  seconds REAL,
  inference_ms REAL
) STRICT;

CREATE INDEX renders_by_clip ON renders (clip_id, id);
CREATE INDEX renders_waiting ON renders (status, priority DESC, id);

CREATE TABLE segments (
  render_id INTEGER NOT NULL REFERENCES renders (id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  start_frame INTEGER NOT NULL,
  frames INTEGER NOT NULL,
  file TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  PRIMARY KEY (render_id, idx)
) STRICT, WITHOUT ROWID;

CREATE TABLE queue (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  paused INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
  -- The process running the queue, so that two never render the same library at once.
  owner_pid INTEGER,
  owner_seen_at TEXT
) STRICT;

INSERT INTO queue (id) VALUES (1);

-- How many renders run at once on each device (a device missing here gets one worker).
CREATE TABLE device_workers (
  device TEXT PRIMARY KEY,
  workers INTEGER NOT NULL CHECK (workers >= 0)
) STRICT;

-- A clip's status is its latest render's, kept on the clip so that lists of thousands of clips
-- filter and sort on it without looking renders up.
ALTER TABLE clips ADD COLUMN status TEXT NOT NULL DEFAULT 'new'
  CHECK (status IN ('new', 'queued', 'running', 'paused', 'done', 'failed', 'cancelled'));
CREATE INDEX clips_by_status ON clips (status, id);

CREATE TRIGGER clip_status_on_new_render AFTER INSERT ON renders BEGIN
  UPDATE clips SET status = NEW.status WHERE id = NEW.clip_id;
END;

CREATE TRIGGER clip_status_on_render_change AFTER UPDATE OF status ON renders
  WHEN NEW.id = (SELECT max(id) FROM renders WHERE clip_id = NEW.clip_id)
BEGIN
  UPDATE clips SET status = NEW.status WHERE id = NEW.clip_id;
END;

CREATE TRIGGER clip_status_on_render_removed AFTER DELETE ON renders BEGIN
  UPDATE clips SET status = coalesce((SELECT status FROM renders WHERE clip_id = OLD.clip_id ORDER BY id DESC LIMIT 1), 'new')
  WHERE id = OLD.clip_id;
END;
`;
