// Generates resources/models/<pack>/ (pack.json and ONNX files) from the trained TF.js models that
// npm packages ship. Run by `npm run build` (and so by `npm install`); skips a pack whose inputs
// are unchanged since its last build.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PackModel, PixelPackManifest } from '../src-shared/packs/pack-manifest.js';
import { PackManifestSchema } from '../src-shared/packs/pack-manifest.js';
import { convertTfjsModel, INPUT_NAME, OUTPUT_NAME } from './tfjs-to-onnx/convert.js';
import { PACK_SOURCES, type ModelSource, type PackSource } from './pack-sources.js';

/** Bump when the converter's output changes, so existing packs are rebuilt. */
const CONVERTER_VERSION = 1;
const STAMP_FILE = '.build-stamp';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Specula's folder, from tools/ (source) or dist/tools/ (built). */
const projectRoot = existsSync(path.join(here, '..', 'package.json')) ? path.resolve(here, '..') : path.resolve(here, '..', '..');

/** The model packages restrict their "exports", so find their folder the way Node's resolver walks node_modules. */
export function modelSourcePath(source: ModelSource): string {
  for (let dir = projectRoot; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', source.npmPackage, source.modelJson);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`${source.npmPackage}/${source.modelJson} is not installed; run npm install`);
  }
}

async function sourceStamp(pack: PackSource): Promise<string> {
  const hash = createHash('sha256').update(JSON.stringify({ pack, CONVERTER_VERSION }));
  for (const variant of pack.variants) {
    for (const model of [variant.base, ...variant.drafts]) hash.update(await readFile(modelSourcePath(model)));
  }
  return hash.digest('hex');
}

async function convertModel(source: ModelSource, file: string, packDir: string): Promise<PackModel> {
  const converted = await convertTfjsModel(modelSourcePath(source), `${source.title}. Converted from ${source.npmPackage}/${source.modelJson}.`);
  await writeFile(path.join(packDir, file), converted.onnx);
  return {
    file,
    title: source.title,
    input: INPUT_NAME,
    output: OUTPUT_NAME,
    range: source.range,
    frames: 1,
    receptive_radius: converted.receptiveRadius,
    activation_bytes_per_pixel: converted.activationBytesPerPixel,
  };
}

export async function buildPack(pack: PackSource, modelsDir: string): Promise<'built' | 'up-to-date'> {
  const packDir = path.join(modelsDir, pack.name);
  const stamp = await sourceStamp(pack);
  const previous = await readFile(path.join(packDir, STAMP_FILE), 'utf8').catch(() => '');
  if (previous === stamp) return 'up-to-date';
  await rm(packDir, { recursive: true, force: true });
  await mkdir(packDir, { recursive: true });
  const variants: PixelPackManifest['variants'] = [];
  for (const variant of pack.variants) {
    const base = await convertModel(variant.base, `base-x${variant.scale}.onnx`, packDir);
    const drafts = [];
    for (const [k, draft] of variant.drafts.entries()) {
      const model = await convertModel(draft, `draft-${k + 1}-x${variant.scale}.onnx`, packDir);
      const { input, ...rest } = model;
      drafts.push({ ...rest, inputs: [{ name: input, source: 'lr' as const }] });
    }
    variants.push({ scale: variant.scale, base, drafts, fusion: variant.fusion });
  }
  const manifest = PackManifestSchema.parse({
    format: 'specula-pack',
    version: 1,
    kind: 'pixel',
    name: pack.name,
    title: pack.title,
    description: pack.description,
    layout: 'NCHW',
    tile: { multiple: 1, min: 16, max: 1024 },
    variants,
    license: pack.license,
    source: pack.source,
  });
  await writeFile(path.join(packDir, 'pack.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await writeFile(path.join(packDir, STAMP_FILE), stamp);
  return 'built';
}

async function main(): Promise<void> {
  const modelsDir = path.join(projectRoot, 'resources', 'models');
  for (const pack of PACK_SOURCES) {
    const started = Date.now();
    const result = await buildPack(pack, modelsDir);
    console.log(`pack ${pack.name}: ${result}${result === 'built' ? ` in ${Date.now() - started} ms` : ''}`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(`Building the default model packs failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
