import type { WorkerClient } from '../worker/worker-client.js';
import type { PackEntry } from './pack-catalog.js';

/** Adds the worker's ONNX-level verdict (loads, names, real scale) to packs that passed the static checks. */
export async function verifyPacks(worker: WorkerClient, entries: PackEntry[]): Promise<PackEntry[]> {
  for (const entry of entries) {
    if (entry.problem !== null) continue;
    const { reason } = (await worker.request({ type: 'verify-pack', packDir: entry.dir, manifest: entry.manifest })) as { reason: string | null };
    entry.problem = reason;
  }
  return entries;
}
