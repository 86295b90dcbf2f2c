import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { DEFAULT_ENGINE_SETTINGS, type EngineSettings } from '../../src-shared/jobs/engine-settings.js';
import type { InferenceThread } from '../../src-worker/inference/inference-thread.js';
import { closeHeldThread, giveBack, openAhead, prestartThread, settleHeldThread, takeThread } from '../../src-worker/inference/thread-reserve.js';
import { threadSpecFor } from '../../src-worker/inference/thread-spec.js';
import { builtInManifest } from '../helpers/packs.js';
import { crop, maxAbsDiff, photoPath, readPng, ROOT, tempDir } from '../helpers/project.js';

const fast = builtInManifest('fast');
const specFor = (scale: number, engine: Partial<EngineSettings> = {}, pack = fast) =>
  threadSpecFor({ pack, scale, engine: { ...DEFAULT_ENGINE_SETTINGS, ...engine } });
const frame = crop(readPng(photoPath('chelsea')), 100, 80, 48, 32);

async function upscaleOnce(thread: InferenceThread): Promise<Float32Array> {
  const copy = { ...frame, data: frame.data.slice() };
  return (await thread.upscale(copy, 0)).branches[0]!.data;
}

describe('the inference thread reserve', () => {
  const threads: InferenceThread[] = [];
  after(async () => {
    await Promise.all(threads.map((t) => t.close()));
  });

  it('lets the worker exit only once a thread it started ahead has loaded onnxruntime', async () => {
    // Exiting while the thread still loads onnxruntime aborts the process with a native error.
    await closeHeldThread();
    // A held thread does not keep a process alive; in the worker, the host's channel does.
    const alive = setInterval(() => undefined, 1000);
    const thread = prestartThread();
    threads.push(thread);
    await settleHeldThread();
    clearInterval(alive);
    const loaded = await Promise.race([thread.loaded.then(() => true), new Promise<boolean>((resolve) => setImmediate(() => resolve(false)))]);
    assert.equal(loaded, true, 'the worker could exit while its inference thread was still loading');
    // The thread started ahead is the one the first render opens its models on.
    const taken = await takeThread(specFor(2), () => undefined);
    assert.equal(taken, thread);
    giveBack(taken);
  });

  it('keeps the process alive while a thread started ahead still loads onnxruntime, and lets it end after', () => {
    // A process with nothing else to do: before, it ended at once under the loading thread (which
    // aborted now and then, when the host left a worker at once); now it ends once the thread has loaded.
    const script = path.join(tempDir('specula-reserve-'), 'prestart.mts');
    const reserve = pathToFileURL(path.join(ROOT, 'src-worker', 'inference', 'thread-reserve.ts')).href;
    writeFileSync(script, `const { prestartThread } = await import(${JSON.stringify(reserve)});\nprestartThread().loaded.then(() => console.log('loaded'));\n`);
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout.trim(), 'loaded');
    assert.equal(run.stderr, '');
  });

  it('hands the next render of the same pack the thread the last one gave back, models still loaded', async () => {
    const spec = specFor(2);
    const first = await takeThread(spec, () => undefined);
    const before = await upscaleOnce(first);
    giveBack(first);
    const second = await takeThread(specFor(2), () => undefined);
    threads.push(second);
    assert.equal(second, first);
    assert.equal(maxAbsDiff(await upscaleOnce(second), before), 0);
    giveBack(second);
  });

  it('opens the models afresh when a model file of the pack was replaced in place', async () => {
    const dir = path.join(tempDir('specula-reserve-'), 'fast');
    cpSync(fast.dir, dir, { recursive: true });
    const spec = specFor(2, {}, { dir, manifest: fast.manifest });
    const first = await takeThread(spec, () => undefined);
    giveBack(first);
    // Same folder, same manifest, other weights: the x4 model copied over the x2 one.
    cpSync(path.join(fast.dir, 'base-x4.onnx'), path.join(dir, 'base-x2.onnx'));
    const second = await takeThread(spec, () => undefined);
    threads.push(second);
    assert.notEqual(second, first);
    // The new thread runs the replaced file: a x4 model, so the pack's x2 check fails on its output.
    await assert.rejects(upscaleOnce(second), /the pack says x2/);
  });

  it('opens a new thread for another scale and closes the one it held', async () => {
    const held = await takeThread(specFor(2), () => undefined);
    giveBack(held);
    const other = await takeThread(specFor(4), () => undefined);
    threads.push(other);
    assert.notEqual(other, held);
    assert.equal(other.device, 'cpu');
    const out = await upscaleOnce(other);
    assert.equal(out.length, 3 * frame.width * 4 * frame.height * 4);
    // The x2 thread was closed once the x4 render took its place.
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(held.usable, false);
  });

  it('passes on what opening ahead had to say (CUDA falling back to CPU) to the render that takes the thread', async () => {
    const spec = specFor(2, { device: 'cuda' });
    openAhead(spec);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const notices: string[] = [];
    const thread = await takeThread(spec, (message) => notices.push(message));
    threads.push(thread);
    assert.equal(thread.device, 'cpu');
    assert.equal(notices.length, 1, notices.join('\n'));
    assert.match(notices[0]!, /CUDA could not be used .* so Specula is running on CPU/);
  });

  it('gives a pack that fails to open ahead the same error when the render takes it', async () => {
    const dir = path.join(tempDir('specula-reserve-'), 'broken');
    cpSync(fast.dir, dir, { recursive: true });
    writeFileSync(path.join(dir, 'base-x2.onnx'), 'this is not a protobuf');
    const spec = specFor(2, {}, { dir, manifest: fast.manifest });
    openAhead(spec);
    await assert.rejects(takeThread(spec, () => undefined), /base-x2\.onnx/);
    // A later render of a good pack still gets a working thread.
    const good = await takeThread(specFor(2), () => undefined);
    threads.push(good);
    assert.equal((await upscaleOnce(good)).length, 3 * frame.width * 2 * frame.height * 2);
  });
});
