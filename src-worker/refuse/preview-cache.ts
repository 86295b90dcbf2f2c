// The branches of the app's recent previews (base and every draft, float32 as the models made
// them), kept in memory for live re-fusion and on disk in the preview's folder, so a re-fusion
// after the worker restarted still never runs the models again. The folder is the cache key:
// the main process names it after every setting that changes the branches.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PlanarFrame } from '../frames/planar-frame.js';
import { PreviewRefusion } from './preview-refusion.js';
import { warmRefuseThread } from './refuse-thread.js';

export interface CachedPreview {
  base: PlanarFrame;
  drafts: PlanarFrame[];
  /** null when the pack has no draft: there is nothing to fuse. */
  refusion: PreviewRefusion | null;
}

/** Previews held in memory; older ones are read back from disk when asked for. */
const KEPT = 2;
const entries = new Map<string, CachedPreview>();

const framesFile = (dir: string): string => path.join(dir, 'branches.f32');
const layoutFile = (dir: string): string => path.join(dir, 'branches.json');

function remember(dir: string, branches: PlanarFrame[]): CachedPreview {
  const [base, ...drafts] = branches;
  const entry: CachedPreview = { base: base!, drafts, refusion: drafts.length > 0 ? new PreviewRefusion(base!, drafts[drafts.length - 1]!) : null };
  entries.delete(dir);
  entries.set(dir, entry);
  for (const key of [...entries.keys()].slice(0, Math.max(0, entries.size - KEPT))) entries.delete(key);
  return entry;
}

/** Keeps a finished preview's branches and starts on the spectra the first slider move needs. */
export async function keepPreview(dir: string, branches: PlanarFrame[], border: number): Promise<void> {
  const [base] = branches;
  const entry = remember(dir, branches);
  if (entry.refusion) {
    warmRefuseThread();
    // After the preview's reply has gone out: the spectra cost a fraction of a second.
    setImmediate(() => void entry.refusion?.prepare(border).catch(() => undefined));
  }
  await writeFile(framesFile(dir), Buffer.concat(branches.map((b) => Buffer.from(b.data.buffer, b.data.byteOffset, b.data.byteLength))));
  await writeFile(layoutFile(dir), JSON.stringify({ width: base!.width, height: base!.height, branches: branches.length }));
}

export async function cachedPreview(dir: string): Promise<CachedPreview> {
  const kept = entries.get(dir);
  if (kept) {
    entries.delete(dir);
    entries.set(dir, kept);
    return kept;
  }
  let layout: { width: number; height: number; branches: number };
  let bytes: Buffer;
  try {
    layout = JSON.parse(await readFile(layoutFile(dir), 'utf8')) as typeof layout;
    bytes = await readFile(framesFile(dir));
  } catch {
    throw new Error(`the preview in ${dir} is no longer cached; run the preview again`);
  }
  const size = 3 * layout.width * layout.height;
  if (bytes.byteLength !== 4 * size * layout.branches) throw new Error(`the preview in ${dir} is damaged; run the preview again`);
  const all = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const branches = Array.from({ length: layout.branches }, (_, k) => ({ width: layout.width, height: layout.height, data: all.subarray(k * size, (k + 1) * size) }));
  return remember(dir, branches);
}
