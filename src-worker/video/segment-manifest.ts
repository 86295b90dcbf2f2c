// The render's record of finished segments, kept beside them. A segment is listed only after its
// encoder exited cleanly and its file was renamed into place, and the manifest itself is replaced
// atomically, so after a crash it names exactly the segments that can be reused.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SegmentRecord } from '../../src-shared/jobs/render-job.js';

export type { SegmentRecord };

export interface SegmentManifest {
  version: 1;
  settingsKey: string;
  totalFrames: number;
  segments: SegmentRecord[];
}

const MANIFEST = 'segments.json';

/** Every setting that changes what the segments contain; a change starts the render afresh. */
export function settingsKey(settings: unknown): string {
  return createHash('sha256').update(JSON.stringify(settings)).digest('hex').slice(0, 32);
}

export async function loadManifest(workDir: string, key: string, totalFrames: number): Promise<SegmentManifest> {
  await mkdir(workDir, { recursive: true });
  const fresh: SegmentManifest = { version: 1, settingsKey: key, totalFrames, segments: [] };
  const existing = await readFile(path.join(workDir, MANIFEST), 'utf8')
    .then((text) => JSON.parse(text) as SegmentManifest)
    .catch(() => null);
  const reusable = existing?.version === 1 && existing.settingsKey === key && existing.totalFrames === totalFrames;
  // Anything not listed (a segment in flight when the last run died, or another settings' work) goes.
  const keep = new Set(reusable ? existing.segments.map((s) => s.file) : []);
  for (const name of await readdir(workDir)) {
    if (name !== MANIFEST && !keep.has(name)) await rm(path.join(workDir, name), { force: true });
  }
  if (!reusable) {
    await saveManifest(workDir, fresh);
    return fresh;
  }
  return existing;
}

export async function saveManifest(workDir: string, manifest: SegmentManifest): Promise<void> {
  const temp = path.join(workDir, `${MANIFEST}.${process.pid}.tmp`);
  try {
    await writeFile(temp, `${JSON.stringify(manifest, null, 2)}\n`);
    await rename(temp, path.join(workDir, MANIFEST));
  } catch (error) {
    // A full disk, say: the manifest in place still names only complete segments.
    await rm(temp, { force: true });
    throw error;
  }
}

export function segmentFileName(index: number): string {
  return `segment-${String(index).padStart(5, '0')}.mp4`;
}
