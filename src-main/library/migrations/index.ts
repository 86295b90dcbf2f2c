// The library's migrations, in order; the library's schema version is how many have run
// (PRAGMA user_version). Append only: a migration that has shipped is never edited.
import * as clips from './001-clips.js';
import * as renders from './002-renders.js';
import * as exportsTable from './003-exports.js';

export interface Migration {
  version: number;
  name: string;
  up: string;
}

export const MIGRATIONS: Migration[] = [
  { version: 1, name: 'clips', up: clips.up },
  { version: 2, name: 'renders', up: renders.up },
  { version: 3, name: 'exports', up: exportsTable.up },
];
