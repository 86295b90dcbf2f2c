// Exports of finished renders to MP4 files, with what the verification found.
export const up = `
CREATE TABLE exports (
  id INTEGER PRIMARY KEY,
  render_id INTEGER NOT NULL REFERENCES renders (id) ON DELETE CASCADE,
  target TEXT NOT NULL,
  codec TEXT NOT NULL,
  crf INTEGER NOT NULL,
  preset TEXT NOT NULL,
  mode TEXT CHECK (mode IN ('copy', 'encode')),
  status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
  error TEXT,
  -- JSON Verification: each check with what was expected and found.
  verification TEXT,
  created_at TEXT NOT NULL,
  finished_at TEXT
) STRICT;

CREATE INDEX exports_by_render ON exports (render_id, id);
`;
