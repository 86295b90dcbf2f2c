// Importing a pack folder: every check `specula packs` makes (the manifest, the files it names,
// each model in onnxruntime) runs on the folder where it is, and only a pack that passes is copied
// into the user's packs folder, under a temporary name first so a half-copied pack never appears.
import { cp, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { ConflictError } from '../../src-shared/api/api-error.js';
import { UserError } from '../../src-shared/user-error.js';
import type { InferenceWorker } from '../worker/inference-worker.js';
import { readPack, type PackEntry } from './pack-catalog.js';
import { verifyPacks } from './verify-packs.js';

export async function importPack(source: string, userDir: string, installed: PackEntry[], worker: InferenceWorker): Promise<PackEntry> {
  const entry = await readPack(source, 'user');
  const refuse = (reason: string): UserError => new UserError(`${source} is not a pack Specula can use: ${reason}; nothing was imported.`);
  if (entry.problem !== null) throw refuse(entry.problem);
  const clash = installed.find((p) => p.name === entry.name);
  if (clash) throw new ConflictError(`A pack named "${entry.name}" is already installed (${clash.dir}); remove it or rename this one before importing.`);
  const [verified] = await verifyPacks(worker, [entry]);
  if (verified!.problem !== null) throw refuse(verified!.problem);
  const target = path.join(userDir, entry.name);
  if (installed.some((p) => path.resolve(p.dir) === path.resolve(target))) {
    throw new ConflictError(`The folder ${target} already holds a pack; remove it before importing "${entry.name}".`);
  }
  const staging = path.join(userDir, `.importing-${entry.name}-${process.pid}`);
  await mkdir(userDir, { recursive: true });
  try {
    await cp(source, staging, { recursive: true, errorOnExist: true, force: false });
    await rename(staging, target);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTEMPTY' || code === 'EEXIST') throw new ConflictError(`${target} already exists; remove it before importing "${entry.name}".`);
    if (code === 'ENOSPC') throw new UserError(`The disk holding ${userDir} is full; free some space, then import the pack again.`);
    throw error;
  }
  return { ...entry, dir: target };
}
