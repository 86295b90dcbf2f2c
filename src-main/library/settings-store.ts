// The library's defaults and render folder. Only the user's changes to the defaults are stored,
// so a default that Specula itself improves reaches every library that did not change it.
import path from 'node:path';
import { DEFAULT_LIBRARY_DEFAULTS, LibraryDefaultsPatchSchema, type LibraryDefaults, type LibraryDefaultsPatch } from '../../src-shared/library/clip-settings.js';
import type { Statements } from './statements.js';

export class SettingsStore {
  constructor(
    private readonly sql: Statements,
    private readonly libraryFile: string,
  ) {}

  defaults(): LibraryDefaults {
    return { ...DEFAULT_LIBRARY_DEFAULTS, ...this.changes() };
  }

  setDefaults(patch: LibraryDefaultsPatch): LibraryDefaults {
    const changes = { ...this.changes(), ...patch };
    // A value equal to the built-in default is no change: keep following the built-ins.
    for (const [key, value] of Object.entries(changes)) {
      if (DEFAULT_LIBRARY_DEFAULTS[key as keyof LibraryDefaults] === value) delete changes[key as keyof LibraryDefaults];
    }
    this.sql.get('UPDATE library SET defaults = ? WHERE id = 1').run(JSON.stringify(changes));
    return this.defaults();
  }

  /** Where renders keep their segments: the chosen folder, else `<library name>-renders` beside the library. */
  renderFolder(): string {
    const row = this.sql.get('SELECT render_folder FROM library WHERE id = 1').get() as { render_folder: string | null };
    return row.render_folder ?? path.join(path.dirname(this.libraryFile), `${path.parse(this.libraryFile).name}-renders`);
  }

  setRenderFolder(folder: string | null): void {
    this.sql.get('UPDATE library SET render_folder = ? WHERE id = 1').run(folder);
  }

  private changes(): LibraryDefaultsPatch {
    const row = this.sql.get('SELECT defaults FROM library WHERE id = 1').get() as { defaults: string };
    const raw = JSON.parse(row.defaults) as Record<string, unknown>;
    const kept: Record<string, unknown> = {};
    // A key this version does not know (or no longer accepts) is skipped, not fatal.
    for (const [key, value] of Object.entries(raw)) if (LibraryDefaultsPatchSchema.safeParse({ [key]: value }).success) kept[key] = value;
    return kept as LibraryDefaultsPatch;
  }
}
