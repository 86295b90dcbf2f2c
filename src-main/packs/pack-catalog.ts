// Finds packs in the built-in folder and the user's folder and checks what can be checked without
// running a model: pack.json parses, matches the schema, and names files that exist. A broken
// pack is listed with its reason; nothing here throws for a pack's sake.
import { access, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { PackManifestSchema, type PackManifest } from '../../src-shared/packs/pack-manifest.js';
import { variantFiles } from '../../src-shared/packs/pack-variants.js';

export type PackOrigin = 'built-in' | 'user';

export interface PackEntry {
  /** The manifest's name, or the folder's when the manifest cannot be read. */
  name: string;
  dir: string;
  origin: PackOrigin;
  manifest: PackManifest | null;
  /** null when the pack is usable. */
  problem: string | null;
}

export interface PackFolder {
  dir: string;
  origin: PackOrigin;
}

export async function discoverPacks(folders: PackFolder[]): Promise<PackEntry[]> {
  const entries: PackEntry[] = [];
  for (const folder of folders) {
    const children = await readdir(folder.dir, { withFileTypes: true }).catch(() => []);
    // Dot-folders are not packs (an import stages its copy in one).
    for (const child of children.filter((c) => c.isDirectory() && !c.name.startsWith('.')).sort((a, b) => a.name.localeCompare(b.name))) {
      const entry = await readPack(path.join(folder.dir, child.name), folder.origin);
      const clash = entries.find((e) => e.name === entry.name && e.problem === null);
      if (clash && entry.problem === null) entry.problem = `another pack is already named "${entry.name}" (${clash.dir}); rename one of them`;
      entries.push(entry);
    }
  }
  return entries;
}

export async function readPack(dir: string, origin: PackOrigin): Promise<PackEntry> {
  const entry: PackEntry = { name: path.basename(dir), dir, origin, manifest: null, problem: null };
  let text: string;
  try {
    text = await readFile(path.join(dir, 'pack.json'), 'utf8');
  } catch {
    return { ...entry, problem: 'the folder has no pack.json' };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ...entry, problem: `pack.json is not valid JSON (${(error as Error).message})` };
  }
  const parsed = PackManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    if (issue.code === 'invalid_type' && issue.path.length > 0 && /received undefined$/.test(issue.message)) return { ...entry, problem: `pack.json is missing the field ${issue.path.join('.')}` };
    return { ...entry, problem: `pack.json ${issue.path.length ? `field ${issue.path.join('.')}` : ''} is wrong: ${issue.message}`.replace('  ', ' ') };
  }
  const manifest = parsed.data;
  entry.name = manifest.name;
  entry.manifest = manifest;
  const scales = manifest.variants.map((v) => v.scale);
  if (new Set(scales).size !== scales.length) return { ...entry, problem: 'pack.json lists the same scale twice' };
  for (const variant of manifest.variants) {
    for (const file of variantFiles(variant)) {
      const missing = await access(path.join(dir, file)).then(
        () => false,
        () => true,
      );
      if (missing) return { ...entry, problem: `the ${file.endsWith('.onnx') ? 'model' : 'tensor'} file ${file} named in pack.json is missing` };
    }
  }
  return entry;
}
