import type { InferenceWorker } from '../worker/inference-worker.js';
import type { PackEntry } from './pack-catalog.js';

/** Adds the worker's ONNX-level verdict (loads, names, real scale) to packs that passed the static checks. */
export async function verifyPacks(worker: InferenceWorker, entries: PackEntry[]): Promise<PackEntry[]> {
  for (const entry of entries) {
    if (entry.problem !== null) continue;
    const { reason } = (await worker.start({ type: 'verify-pack', packDir: entry.dir, manifest: entry.manifest }).done) as { reason: string | null };
    entry.problem = reason;
  }
  return entries;
}
