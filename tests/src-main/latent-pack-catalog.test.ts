// Malformed latent packs: each is listed as broken with one sentence a pack author can act on,
// the good latent pack beside them is usable, and `specula packs` shows all of it without a crash.
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { discoverPacks } from '../../src-main/packs/pack-catalog.js';
import { verifyPacks } from '../../src-main/packs/verify-packs.js';
import { WorkerClient } from '../../src-main/worker/worker-client.js';
import { writeLatentPack } from '../../tools/latent-packs/write-latent-pack.js';
import { ASYMMETRIC_PACK } from '../helpers/latent-packs.js';
import { runSpecula, tempDir } from '../helpers/project.js';

/** The fields of the generated pack.json that the broken packs change. */
interface VariantJson {
  scale: number;
  vae_decoder?: { spatial_factor: number };
  denoiser_base: { features: string[] };
  denoiser_draft: { features: { from: string }[] };
  scheduler: { timestep_base: number; timestep_draft_list: number[] };
  conditioning: { negative?: string };
}

/** The good generated pack in folder `name`, its first variant changed by `edit`, then `change` on the folder. */
function brokenPack(root: string, name: string, edit: (v: VariantJson) => void, change?: (dir: string) => void): void {
  const dir = writeLatentPack(root, { ...ASYMMETRIC_PACK, name });
  const file = path.join(dir, 'pack.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { variants: VariantJson[] };
  edit(manifest.variants[0]!);
  writeFileSync(file, JSON.stringify(manifest));
  change?.(dir);
}

const EXPECTED: Record<string, RegExp> = {
  'no-decoder-field': /^pack\.json is missing the field variants\.0\.vae_decoder$/,
  'no-decoder-file': /^the model file vae-decoder\.onnx named in pack\.json is missing$/,
  'feature-not-listed': /^pack\.json field variants\.0\.denoiser_draft\.features\.0\.from is wrong: names "skip", which denoiser_base\.features does not list \(it lists: feat\)$/,
  'feature-not-produced': /^denoiser-base\.onnx has no output named "skip" \(it has: prediction, feat\)$/,
  'timestep-too-big': /^pack\.json field variants\.0\.scheduler\.timestep_base is wrong: must be below num_train_timesteps \(1000\)$/,
  'drafts-not-falling': /^pack\.json field variants\.0\.scheduler\.timestep_draft_list\.1 is wrong: must be below 599, the timestep before it/,
  'scale-mismatch': /^pack\.json field variants\.0\.scale is wrong: must be upsample \(1\) x vae_decoder\.spatial_factor \(16\) \/ vae_encoder\.spatial_factor \(8\) = 2$/,
  'cfg-without-negative': /^pack\.json field variants\.0\.conditioning\.negative is wrong: is missing, but cfg_scale 2 needs a negative embedding$/,
  'decoder-lies': /^a 16x16 probe frame does not go through the sampler: vae-decoder\.onnx returned \[1, 3, 32, 32\] for a latent of \[1, 4, 2, 2\]; the pack says x1, so \[1, 3, 16, 16\]$/,
  'bad-tensor': /^negative\.npy is not a tensor Specula can read \(no \.npy header\); save it with numpy\.save as float32$/,
};

describe('latent pack checks', () => {
  let root: string;
  let worker: WorkerClient;
  before(() => {
    root = tempDir('specula-latent-packs-');
    writeLatentPack(root, { ...ASYMMETRIC_PACK, name: 'good' });
    brokenPack(root, 'no-decoder-field', (v) => delete v.vae_decoder);
    brokenPack(root, 'no-decoder-file', () => undefined, (dir) => rmSync(path.join(dir, 'vae-decoder.onnx')));
    brokenPack(root, 'feature-not-listed', (v) => (v.denoiser_draft.features[0]!.from = 'skip'));
    brokenPack(root, 'feature-not-produced', (v) => {
      v.denoiser_base.features = ['skip'];
      v.denoiser_draft.features[0]!.from = 'skip';
    });
    brokenPack(root, 'timestep-too-big', (v) => (v.scheduler.timestep_base = 1000));
    brokenPack(root, 'drafts-not-falling', (v) => (v.scheduler.timestep_draft_list = [599, 650]));
    brokenPack(root, 'scale-mismatch', (v) => (v.scale = 4));
    brokenPack(root, 'cfg-without-negative', (v) => delete v.conditioning.negative);
    // The manifest says f8 decoder and x1, but the file is the f16 decoder.
    brokenPack(root, 'decoder-lies', (v) => {
      v.scale = 1;
      v.vae_decoder!.spatial_factor = 8;
    });
    brokenPack(root, 'bad-tensor', () => undefined, (dir) => writeFileSync(path.join(dir, 'negative.npy'), 'not numpy'));
    worker = new WorkerClient();
  });
  after(() => worker.close());

  it('gives each broken pack its reason and keeps the good one usable', async () => {
    const packs = await verifyPacks(worker, await discoverPacks([{ dir: root, origin: 'user' }]));
    const byFolder = new Map(packs.map((p) => [path.basename(p.dir), p]));
    assert.equal(byFolder.get('good')!.problem, null);
    for (const [folder, reason] of Object.entries(EXPECTED)) assert.match(byFolder.get(folder)?.problem ?? 'no problem found', reason, folder);
  });

  it('`specula packs` lists them all, the broken ones with their reason, and exits 0', () => {
    const run = runSpecula(['packs', '--packs', root]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^good\s+user\s+latent, x2, 3 draft\(s\)/m);
    for (const folder of Object.keys(EXPECTED)) assert.match(run.stdout, new RegExp(`^${folder}\\s+user\\s+BROKEN: `, 'm'));
  });
});
