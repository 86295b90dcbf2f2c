// Adds files, or the files of folders (optionally their subfolders too), to the library. Each is
// probed; what is already there is skipped, and a file that is not a usable video is reported
// with its reason instead of failing the import. Clips are saved in small batches, so a long
// import shows its progress and a crash keeps what was already added.
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ImportResult } from '../../src-shared/api/library-records.js';
import { UserError } from '../../src-shared/user-error.js';
import type { EventBus } from '../api/event-bus.js';
import type { Library } from '../library/library.js';
import { probeMedia } from '../media/probe-media.js';

const BATCH = 25;

export async function importClips(library: Library, events: EventBus, ffprobe: string, paths: string[], recursive: boolean): Promise<ImportResult> {
  const result: ImportResult = { added: [], skipped: [], failed: [] };
  const files: string[] = [];
  for (const given of paths) {
    const info = await stat(given).catch(() => null);
    if (!info) result.failed.push({ path: given, reason: `${given} does not exist; check the path.` });
    else if (info.isDirectory()) files.push(...(await filesIn(given, recursive)));
    else files.push(given);
  }

  let batch: { media: Awaited<ReturnType<typeof probeMedia>>; size: number; mtimeMs: number }[] = [];
  const save = (): void => {
    if (batch.length === 0) return;
    const ids = library.transaction(() => batch.map((b) => library.clips.add(b.media, b)));
    result.added.push(...ids.map((id) => library.clips.summary(id)!));
    events.emit('clipsChanged', { added: ids, updated: [], removed: [] });
    batch = [];
  };
  const seen = new Set<string>();
  for (const file of files) {
    const absolute = await realpath(file).catch(() => path.resolve(file));
    if (seen.has(absolute) || isLibrarysOwn(library, absolute)) continue;
    seen.add(absolute);
    const existing = library.clips.idForPath(absolute);
    if (existing !== null) {
      result.skipped.push({ path: absolute, clipId: existing });
      continue;
    }
    try {
      const media = await probeMedia(ffprobe, absolute);
      if (media.kind !== 'video') throw new UserError(`${absolute} is a still image; the library holds videos (use \`specula preview\` for stills).`);
      const info = await stat(absolute);
      batch.push({ media, size: info.size, mtimeMs: info.mtimeMs });
      if (batch.length >= BATCH) save();
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      result.failed.push({ path: absolute, reason: error.message });
    }
  }
  save();
  return result;
}

/** The library file, its journal files and its renders are never clips. */
function isLibrarysOwn(library: Library, file: string): boolean {
  const renders = library.settings.renderFolder();
  return file === library.file || file.startsWith(`${library.file}-`) || file.startsWith(renders + path.sep);
}

/** Regular files in a folder (and its subfolders when recursive), sorted; hidden entries skipped. */
async function filesIn(folder: string, recursive: boolean): Promise<string[]> {
  const entries = (await readdir(folder, { withFileTypes: true })).filter((e) => !e.name.startsWith('.')).sort((a, b) => a.name.localeCompare(b.name));
  const files: string[] = [];
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isFile()) files.push(full);
    else if (entry.isDirectory() && recursive) files.push(...(await filesIn(full, recursive)));
  }
  return files;
}
