// One open library: the database and its stores. Closing it checkpoints the WAL into the file.
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { ClipStore } from './clip-store.js';
import { ExportStore } from './export-store.js';
import { openLibraryFile, type LibraryDatabase } from './library-file.js';
import { QueueStore } from './queue-store.js';
import { RenderStore } from './render-store.js';
import { SettingsStore } from './settings-store.js';
import { Statements } from './statements.js';
import { ThumbnailStore } from './thumbnail-store.js';

export class Library {
  readonly clips: ClipStore;
  readonly thumbnails: ThumbnailStore;
  readonly settings: SettingsStore;
  readonly renders: RenderStore;
  readonly exports: ExportStore;
  readonly queue: QueueStore;

  private constructor(
    readonly file: string,
    readonly db: LibraryDatabase,
  ) {
    const sql = new Statements(db);
    this.clips = new ClipStore(sql);
    this.thumbnails = new ThumbnailStore(sql);
    this.settings = new SettingsStore(sql, file);
    this.renders = new RenderStore(sql);
    this.exports = new ExportStore(sql);
    this.queue = new QueueStore(sql);
  }

  static async open(file: string): Promise<Library> {
    const db = await openLibraryFile(path.resolve(file));
    // The real path, so the library's own files are recognised however they are reached.
    return new Library(realpathSync(db.name), db);
  }

  /** Runs `work` as one transaction: all of it is saved, or none. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
