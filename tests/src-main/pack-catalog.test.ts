// Deliberately broken packs: each is listed with a reason a pack author can act on, the good
// packs beside them still work, and nothing crashes.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { discoverPacks } from '../../src-main/packs/pack-catalog.js';
import { verifyPacks } from '../../src-main/packs/verify-packs.js';
import { WorkerClient } from '../../src-main/worker/worker-client.js';
import { BUILT_IN_PACKS, runSpecula, tempDir } from '../helpers/project.js';

const fastDir = path.join(BUILT_IN_PACKS, 'fast');
const fastManifest = JSON.parse(readFileSync(path.join(fastDir, 'pack.json'), 'utf8'));

/** A copy of the fast pack (x2 only) with its manifest changed by `edit`. */
function makePack(root: string, folder: string, edit: (m: typeof fastManifest) => unknown, files: Record<string, string | Buffer> = {}): void {
  const dir = path.join(root, folder);
  mkdirSync(dir, { recursive: true });
  copyFileSync(path.join(fastDir, 'base-x2.onnx'), path.join(dir, 'base-x2.onnx'));
  const manifest = structuredClone(fastManifest);
  manifest.name = folder;
  manifest.variants = manifest.variants.filter((v: { scale: number }) => v.scale === 2);
  const edited = edit(manifest);
  writeFileSync(path.join(dir, 'pack.json'), typeof edited === 'string' ? edited : JSON.stringify(edited));
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
}

const EXPECTED: Record<string, RegExp> = {
  'bad-json': /pack\.json is not valid JSON/,
  'no-manifest': /no pack\.json/,
  'bad-schema': /field variants\.0\.scale is wrong/,
  'missing-file': /model file base-x3\.onnx named in pack\.json is missing/,
  'wrong-scale': /base-x2\.onnx turns 16x16 into 32x32 \(x2\), but pack\.json says x4/,
  'wrong-input': /base-x2\.onnx has no input named "image"/,
  'wrong-output': /base-x2\.onnx has no output named "hr"/,
  'not-onnx': /garbage\.onnx is not a model onnxruntime can load/,
};

describe('pack catalog', () => {
  let root: string;
  before(() => {
    root = tempDir('specula-packs-');
    makePack(root, 'good', (m) => m);
    makePack(root, 'bad-json', (m) => JSON.stringify(m).slice(0, -5));
    mkdirSync(path.join(root, 'no-manifest'));
    makePack(root, 'bad-schema', (m) => ({ ...m, variants: [{ ...m.variants[0], scale: 'two' }] }));
    makePack(root, 'missing-file', (m) => ({ ...m, variants: [{ ...m.variants[0], base: { ...m.variants[0].base, file: 'base-x3.onnx' } }] }));
    makePack(root, 'wrong-scale', (m) => ({ ...m, variants: [{ ...m.variants[0], scale: 4 }] }));
    makePack(root, 'wrong-input', (m) => ({ ...m, variants: [{ ...m.variants[0], base: { ...m.variants[0].base, input: 'image' } }] }));
    makePack(root, 'wrong-output', (m) => ({ ...m, variants: [{ ...m.variants[0], base: { ...m.variants[0].base, output: 'hr' } }] }));
    makePack(root, 'not-onnx', (m) => ({ ...m, variants: [{ ...m.variants[0], base: { ...m.variants[0].base, file: 'garbage.onnx' } }] }), {
      'garbage.onnx': 'this is not a protobuf',
    });
  });

  let worker: WorkerClient;
  before(() => (worker = new WorkerClient()));
  after(() => worker.close());

  it('lists every broken pack with its reason and keeps the good ones usable', async () => {
    const packs = await verifyPacks(worker, await discoverPacks([{ dir: root, origin: 'user' }]));
    const byFolder = new Map(packs.map((p) => [path.basename(p.dir), p]));
    assert.equal(byFolder.get('good')!.problem, null);
    for (const [folder, reason] of Object.entries(EXPECTED)) {
      const problem = byFolder.get(folder)?.problem ?? '';
      assert.match(problem, reason, `${folder}: ${problem}`);
    }
  });

  it('`specula packs --json` shows built-in and broken user packs and exits 0', () => {
    const run = runSpecula(['packs', '--json', '--packs', root]);
    assert.equal(run.status, 0, run.stderr);
    const rows = JSON.parse(run.stdout) as { name: string; status: string; reason: string | null; origin: string }[];
    assert.ok(rows.some((r) => r.name === 'detail' && r.origin === 'built-in' && r.status === 'ok'));
    assert.ok(rows.some((r) => r.name === 'fast' && r.origin === 'built-in' && r.status === 'ok'));
    assert.equal(rows.filter((r) => r.status === 'broken').length, Object.keys(EXPECTED).length);
  });

  it('a pack that reuses a built-in name is reported, not silently shadowed', async () => {
    const clashRoot = tempDir('specula-clash-');
    makePack(clashRoot, 'fast', (m) => m);
    const packs = await discoverPacks([
      { dir: BUILT_IN_PACKS, origin: 'built-in' },
      { dir: clashRoot, origin: 'user' },
    ]);
    const user = packs.find((p) => p.origin === 'user')!;
    assert.match(user.problem ?? '', /already named "fast"/);
  });
});
