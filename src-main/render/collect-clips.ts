// The clips a batch names: files as given, and the files directly inside each folder given
// (sorted, hidden files skipped). Whether each is a usable video is the probe's call.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export async function collectClips(inputs: string[]): Promise<string[]> {
  const clips: string[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => null);
    if (!info?.isDirectory()) {
      clips.push(input);
      continue;
    }
    const entries = await readdir(input, { withFileTypes: true });
    for (const entry of entries.filter((e) => e.isFile() && !e.name.startsWith('.')).sort((a, b) => a.name.localeCompare(b.name))) {
      clips.push(path.join(input, entry.name));
    }
  }
  return clips;
}
