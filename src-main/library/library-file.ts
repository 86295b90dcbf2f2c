// Opens a library file, refusing anything it must not touch: a file that is not an SQLite
// database, a damaged one, another program's database, or one written by a newer Specula. Those
// are only ever read, never written, so a refusal leaves the file exactly as it was. A good file
// is brought up to date by running every pending migration in one transaction.
import { closeSync, existsSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { UserError } from '../../src-shared/user-error.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';

export type LibraryDatabase = Database.Database;

/** The schema version this Specula writes. */
export const LIBRARY_SCHEMA_VERSION = MIGRATIONS.length;
/** PRAGMA application_id of a Specula library ("SPCL"), so another program's database is told apart. */
export const APPLICATION_ID = 0x5350434c;

const SQLITE_HEADER = 'SQLite format 3\0';

export async function openLibraryFile(file: string, migrations: Migration[] = MIGRATIONS): Promise<LibraryDatabase> {
  const absolute = path.resolve(file);
  const info = statOrNull(absolute);
  if (info?.isDirectory()) throw new UserError(`${absolute} is a folder; give the library's file name (for example ${path.join(absolute, 'library.specula')}).`);
  if (info && info.size > 0) checkExisting(absolute, migrations.length);
  if (!info) await mkdir(path.dirname(absolute), { recursive: true });

  const db = new Database(absolute, nativeBinding());
  try {
    // WAL keeps readers going while a render writes; FULL syncs each commit so a power cut loses
    // nothing that was reported as saved.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function statOrNull(file: string): ReturnType<typeof statSync> | null {
  try {
    return statSync(file);
  } catch {
    return null;
  }
}

/** Reads, never writes: the header, the pages (quick_check), who wrote it and at what version. */
function checkExisting(file: string, latest: number): void {
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1') !== SQLITE_HEADER) {
    throw new UserError(`${file} is not a Specula library (it is not an SQLite database); it was left untouched: open another file or choose a new name.`);
  }
  // A read-only connection to a WAL file makes its -wal and -shm files and cannot remove them:
  // those it made are removed after, so a refused file is left exactly as it was found.
  const companions = [`${file}-wal`, `${file}-shm`].filter((f) => !existsSync(f));
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, ...nativeBinding() });
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(String(check));
    const applicationId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    const tables = (db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number }).n;
    if (applicationId !== APPLICATION_ID && tables > 0) {
      throw new UserError(`${file} is another program's database, not a Specula library; it was left untouched: open another file or choose a new name.`);
    }
    if (version > latest) {
      throw new UserError(`${file} was written by a newer version of Specula (library version ${version}; this one reads up to ${latest}); it was left untouched: update Specula to open it.`);
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`${file} is damaged (${firstLine(error)}); it was left untouched: restore it from a backup, or open another file.`);
  } finally {
    db?.close();
    for (const made of companions) rmSync(made, { force: true });
  }
}

function migrate(db: Database.Database, migrations: Migration[]): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const migration of pending) db.exec(migration.up);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${pending[pending.length - 1]!.version}`);
  }).immediate();
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}

/** The desktop app in development loads a better-sqlite3 built for Electron (see src-main/electron/main.ts). */
function nativeBinding(): { nativeBinding?: string } {
  const binding = process.env['SPECULA_SQLITE_BINDING'];
  return binding ? { nativeBinding: binding } : {};
}
