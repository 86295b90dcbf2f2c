// The library itself, its clips and their thumbnail strips.
export const up = `
CREATE TABLE library (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  created_at TEXT NOT NULL,
  -- The user's changes to the built-in defaults (JSON object); what is not here follows the built-ins.
  defaults TEXT NOT NULL DEFAULT '{}',
  -- Where renders keep their segments; NULL: a folder beside the library file.
  render_folder TEXT
) STRICT;

INSERT INTO library (id, created_at) VALUES (1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

CREATE TABLE clips (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  size INTEGER NOT NULL,
  mtime_ms REAL NOT NULL,
  -- What ffprobe said (JSON MediaInfo); the columns below repeat what lists sort and filter on.
  media TEXT NOT NULL,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  frames INTEGER NOT NULL,
  duration REAL NOT NULL,
  frame_rate TEXT NOT NULL,
  added_at TEXT NOT NULL,
  -- The settings this clip overrides (JSON object).
  overrides TEXT NOT NULL DEFAULT '{}',
  thumbnail TEXT NOT NULL DEFAULT 'pending' CHECK (thumbnail IN ('pending', 'ready', 'failed'))
) STRICT;

CREATE INDEX clips_by_name ON clips (name COLLATE NOCASE, id);

CREATE INDEX clips_waiting_for_thumbnails ON clips (id) WHERE thumbnail = 'pending';

-- A clip's strip once made (clips.thumbnail says 'ready'), or why it could not be ('failed').
CREATE TABLE thumbnails (
  clip_id INTEGER PRIMARY KEY REFERENCES clips (id) ON DELETE CASCADE,
  -- One JPEG: the strip's pictures side by side.
  image BLOB,
  -- Frame index of each picture (JSON array).
  frames TEXT NOT NULL DEFAULT '[]',
  error TEXT
) STRICT;
`;
