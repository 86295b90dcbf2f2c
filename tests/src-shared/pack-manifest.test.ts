// One schema for both kinds of pack: pixel manifests read as before, latent manifests read with
// their defaults, and the kind decides which rules apply.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { PackManifestSchema } from '../../src-shared/packs/pack-manifest.js';
import { draftCount, framesPerCall, variantFiles } from '../../src-shared/packs/pack-variants.js';
import { writeLatentPack } from '../../tools/latent-packs/write-latent-pack.js';
import { ASYMMETRIC_PACK, RECURRENT_PACK } from '../helpers/latent-packs.js';
import { BUILT_IN_PACKS, tempDir } from '../helpers/project.js';

const read = (dir: string): unknown => JSON.parse(readFileSync(path.join(dir, 'pack.json'), 'utf8'));

describe('pack manifest', () => {
  it('reads the built-in pixel packs unchanged', () => {
    for (const name of ['detail', 'fast']) {
      const raw = read(path.join(BUILT_IN_PACKS, name)) as { variants: unknown[] };
      const manifest = PackManifestSchema.parse(raw);
      assert.equal(manifest.kind, 'pixel');
      assert.deepEqual(manifest.variants, raw.variants, `${name}: nothing added or dropped`);
    }
  });

  it('reads latent packs, with the scheduler defaults filled in', () => {
    const packs = tempDir('specula-manifest-');
    const manifest = PackManifestSchema.parse(read(writeLatentPack(packs, ASYMMETRIC_PACK)));
    assert.equal(manifest.kind, 'latent');
    const variant = manifest.variants[0]!;
    assert.equal(draftCount(variant), 3);
    assert.deepEqual(variantFiles(variant).sort(), ['denoiser-base.onnx', 'denoiser-draft.onnx', 'estimator.onnx', 'negative.npy', 'positive.npy', 'vae-decoder.onnx', 'vae-encoder.onnx']);
    if (manifest.kind === 'latent') assert.deepEqual([manifest.variants[0]!.scheduler.num_train_timesteps, manifest.variants[0]!.scheduler.seed], [1000, 0]);
    assert.equal(framesPerCall(PackManifestSchema.parse(read(writeLatentPack(packs, RECURRENT_PACK))).variants[0]!), 4);
  });

  it('holds a latent pack to its own rules and a pixel pack to its own', () => {
    const packs = tempDir('specula-manifest-');
    const latent = read(writeLatentPack(packs, ASYMMETRIC_PACK)) as Record<string, unknown>;
    const asPixel = PackManifestSchema.safeParse({ ...latent, kind: 'pixel' });
    assert.equal(asPixel.success, false);
    const video = PackManifestSchema.safeParse({ ...latent, variants: (latent['variants'] as object[]).map((v) => ({ ...v, frames: 8 })) });
    assert.equal(video.success, false);
    assert.match(video.error!.issues[0]!.message, /must be 1 in an NCHW pack/);
  });
});
