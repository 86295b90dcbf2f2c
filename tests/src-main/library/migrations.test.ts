// One test per migration, and the file-level promises: a library opens in WAL with foreign keys
// and full syncs; a newer, damaged, foreign or non-database file is refused and left untouched.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { APPLICATION_ID, LIBRARY_SCHEMA_VERSION, openLibraryFile } from '../../../src-main/library/library-file.js';
import { MIGRATIONS } from '../../../src-main/library/migrations/index.js';
import { tempDir } from '../../helpers/project.js';

const hash = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');
const tables = (db: Database.Database): string[] => (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

async function libraryAt(version: number): Promise<{ file: string; db: Database.Database }> {
  const file = path.join(tempDir('specula-migrate-'), 'library.specula');
  const db = await openLibraryFile(file, MIGRATIONS.slice(0, version));
  return { file, db };
}

function addClip(db: Database.Database, name: string): number {
  const media = JSON.stringify({ path: `/clips/${name}`, frames: 10 });
  return Number(db.prepare("INSERT INTO clips (path, name, size, mtime_ms, media, width, height, frames, duration, frame_rate, added_at, overrides) VALUES (?, ?, 1, 1, ?, 64, 36, 10, 1, '10/1', 'now', '{\"crf\":20}')").run(`/clips/${name}`, name, media).lastInsertRowid);
}

describe('library migrations', () => {
  it("001 clips: a new file gets the library row, clips and thumbnails, strict tables, and Specula's application id", async () => {
    const { db } = await libraryAt(1);
    assert.deepEqual(tables(db), ['clips', 'library', 'thumbnails']);
    assert.equal(db.pragma('user_version', { simple: true }), 1);
    assert.equal(db.pragma('application_id', { simple: true }), APPLICATION_ID);
    assert.equal((db.prepare('SELECT count(*) AS n FROM library').get() as { n: number }).n, 1);
    // STRICT: a value of the wrong type is refused instead of stored.
    assert.throws(() => db.prepare("INSERT INTO clips (path, name, size, mtime_ms, media, width, height, frames, duration, frame_rate, added_at) VALUES ('/a', 'a', 'big', 1, '{}', 1, 1, 1, 1, '1', 'now')").run(), /cannot store TEXT value in INTEGER column/);
    db.close();
  });

  it('002 renders: a version-1 library keeps its clips and settings and gains renders, segments and the queue', async () => {
    const { file, db } = await libraryAt(1);
    const clipId = addClip(db, 'walk.mp4');
    db.close();
    const upgraded = await openLibraryFile(file, MIGRATIONS.slice(0, 2));
    assert.equal(upgraded.pragma('user_version', { simple: true }), 2);
    assert.deepEqual(tables(upgraded), ['clips', 'device_workers', 'library', 'queue', 'renders', 'segments', 'thumbnails']);
    assert.deepEqual(upgraded.prepare('SELECT id, name, overrides FROM clips').get(), { id: clipId, name: 'walk.mp4', overrides: '{"crf":20}' });
    assert.deepEqual(upgraded.prepare('SELECT paused, owner_pid FROM queue').get(), { paused: 0, owner_pid: null });
    // Removing a clip removes its renders and their segments (foreign keys are on).
    const renderId = Number(upgraded.prepare("INSERT INTO renders (clip_id, status, settings, work_dir, width, height, frames_total, queued_at) VALUES (?, 'queued', '{}', '/w', 128, 72, 10, 'now')").run(clipId).lastInsertRowid);
    upgraded.prepare("INSERT INTO segments (render_id, idx, start_frame, frames, file, finished_at) VALUES (?, 0, 0, 5, 's0.mp4', 'now')").run(renderId);
    assert.throws(() => upgraded.prepare("UPDATE renders SET status = 'sleeping'").run(), /CHECK constraint failed/);
    upgraded.prepare('DELETE FROM clips WHERE id = ?').run(clipId);
    assert.equal((upgraded.prepare('SELECT count(*) AS n FROM segments').get() as { n: number }).n, 0);
    upgraded.close();
  });

  it('003 exports: a version-2 library keeps its renders and gains exports', async () => {
    const { file, db } = await libraryAt(2);
    const clipId = addClip(db, 'run.mp4');
    const renderId = Number(db.prepare("INSERT INTO renders (clip_id, status, settings, work_dir, width, height, frames_total, queued_at) VALUES (?, 'done', '{}', '/w', 128, 72, 10, 'now')").run(clipId).lastInsertRowid);
    db.close();
    const upgraded = await openLibraryFile(file);
    assert.equal(upgraded.pragma('user_version', { simple: true }), LIBRARY_SCHEMA_VERSION);
    assert.ok(tables(upgraded).includes('exports'));
    assert.deepEqual(upgraded.prepare('SELECT id, status FROM renders').get(), { id: renderId, status: 'done' });
    upgraded.prepare("INSERT INTO exports (render_id, target, codec, crf, preset, status, created_at) VALUES (?, '/o.mp4', 'h264', 18, 'medium', 'running', 'now')").run(renderId);
    assert.throws(() => upgraded.prepare("INSERT INTO exports (render_id, target, codec, crf, preset, status, created_at) VALUES (999, '/o.mp4', 'h264', 18, 'medium', 'running', 'now')").run(), /FOREIGN KEY/);
    upgraded.close();
  });

  it('runs every pending migration in one transaction: a failing one leaves the file at its old version', async () => {
    const { file, db } = await libraryAt(1);
    addClip(db, 'keep.mp4');
    db.close();
    const broken = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'broken', up: 'CREATE TABLE half (x INTEGER) STRICT; SELECT * FROM no_such_table;' }];
    await assert.rejects(openLibraryFile(file, broken), /no such table/);
    const after = new Database(file, { readonly: true });
    assert.equal(after.pragma('user_version', { simple: true }), 1);
    assert.deepEqual(tables(after), ['clips', 'library', 'thumbnails']);
    assert.equal((after.prepare('SELECT count(*) AS n FROM clips').get() as { n: number }).n, 1);
    after.close();
  });

  it('opens in WAL with foreign keys, full syncs and a busy timeout', async () => {
    const { db } = await libraryAt(LIBRARY_SCHEMA_VERSION);
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
    assert.equal(db.pragma('synchronous', { simple: true }), 2);
    assert.ok((db.pragma('busy_timeout', { simple: true }) as number) >= 1000);
    db.close();
  });

  it('refuses a library from a newer Specula, and leaves it untouched', async () => {
    const { file, db } = await libraryAt(LIBRARY_SCHEMA_VERSION);
    db.pragma(`user_version = ${LIBRARY_SCHEMA_VERSION + 1}`);
    db.close();
    const before = hash(file);
    await assert.rejects(openLibraryFile(file), /written by a newer version of Specula .*left untouched: update Specula/);
    assert.equal(hash(file), before);
  });

  it('refuses a damaged library, and leaves it untouched', async () => {
    const { file, db } = await libraryAt(LIBRARY_SCHEMA_VERSION);
    for (let i = 0; i < 200; i++) addClip(db, `clip-${i}.mp4`);
    db.close();
    const bytes = readFileSync(file);
    // Scribble over the middle of the file: pages of the clips table and its index.
    bytes.fill(0x5a, 4096 * 3, 4096 * 6);
    writeFileSync(file, bytes);
    const before = hash(file);
    await assert.rejects(openLibraryFile(file), /is damaged .*left untouched: restore it from a backup/);
    assert.equal(hash(file), before);
    assert.deepEqual(readdirSync(path.dirname(file)), ['library.specula'], 'nothing was created beside the damaged file');
  });

  it("refuses a file that is not a database, and another program's database", async () => {
    const dir = tempDir('specula-notdb-');
    const text = path.join(dir, 'notes.specula');
    writeFileSync(text, 'these are my notes, not a library\n');
    await assert.rejects(openLibraryFile(text), /is not a Specula library \(it is not an SQLite database\); it was left untouched/);
    assert.equal(readFileSync(text, 'utf8'), 'these are my notes, not a library\n');

    const other = path.join(dir, 'other.db');
    const db = new Database(other);
    db.exec('CREATE TABLE contacts (name TEXT)');
    db.close();
    const copy = path.join(dir, 'copy.db');
    copyFileSync(other, copy);
    await assert.rejects(openLibraryFile(other), /another program's database/);
    assert.equal(hash(other), hash(copy));
  });
});
