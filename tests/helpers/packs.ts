import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { PackManifestSchema, type PackVariant, type PixelPackManifest } from '../../src-shared/packs/pack-manifest.js';
import { ModelSession } from '../../src-worker/inference/model-session.js';
import type { VariantSessions } from '../../src-worker/inference/tiled-upscale.js';
import { BUILT_IN_PACKS } from './project.js';

export function builtInManifest(name: string): { dir: string; manifest: PixelPackManifest } {
  const dir = path.join(BUILT_IN_PACKS, name);
  const manifest = PackManifestSchema.parse(JSON.parse(readFileSync(path.join(dir, 'pack.json'), 'utf8')));
  if (manifest.kind !== 'pixel') throw new Error(`${name} is not a pixel pack`);
  return { dir, manifest };
}

export function variantOf(name: string, scale: number): { dir: string; manifest: PixelPackManifest; variant: PackVariant } {
  const pack = builtInManifest(name);
  return { ...pack, variant: pack.manifest.variants.find((v) => v.scale === scale)! };
}

export async function openCpuSessions(dir: string, variant: PackVariant): Promise<VariantSessions> {
  const open = (file: string) => ort.InferenceSession.create(path.join(dir, file), { executionProviders: ['cpu'] });
  return {
    base: new ModelSession(await open(variant.base.file), variant.base),
    drafts: await Promise.all(variant.drafts.map(async (d) => new ModelSession(await open(d.file), d))),
  };
}
