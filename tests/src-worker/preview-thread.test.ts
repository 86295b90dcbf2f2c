// A preview of a pixel pack runs its models on the worker's inference thread and leaves them
// open there: the app's next preview of the pack, or the render after it, does not open them again.
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { DEFAULT_ENGINE_SETTINGS } from '../../src-shared/jobs/engine-settings.js';
import type { PreviewJob } from '../../src-shared/jobs/preview-job.js';
import type { PlanarFrame } from '../../src-worker/frames/planar-frame.js';
import { writePngFile } from '../../src-worker/frames/png-file.js';
import { closeHeldThread, giveBack, takeThread } from '../../src-worker/inference/thread-reserve.js';
import { threadSpecFor } from '../../src-worker/inference/thread-spec.js';
import { runPreview } from '../../src-worker/preview/run-preview.js';
import { builtInManifest } from '../helpers/packs.js';
import { crop, maxAbsDiff, photoPath, readPng, tempDir } from '../helpers/project.js';

const FFMPEG = 'ffmpeg';
const frame = crop(readPng(photoPath('coffee')), 120, 90, 64, 40);

function jobFor(packName: 'fast' | 'detail', scale: number, input: string, outDir: string): PreviewJob {
  const pack = builtInManifest(packName);
  const variant = pack.manifest.variants.find((v) => v.scale === scale)!;
  return {
    input: { path: input, kind: 'image', frame: 0, width: frame.width, height: frame.height },
    pack,
    scale,
    engine: DEFAULT_ENGINE_SETTINGS,
    fusion: variant.fusion,
    outDir,
    ffmpeg: FFMPEG,
  };
}

function writeFramePng(dir: string): string {
  const file = path.join(dir, 'frame.png');
  writePngFile(file, frame);
  return file;
}

const quiet = { progress: () => undefined, notice: () => undefined };

describe('a preview on the inference thread', () => {
  after(closeHeldThread);

  it("keeps the pack's models open: the render after it gets the thread the preview ran on", async () => {
    const dir = tempDir('specula-preview-thread-');
    const job = jobFor('fast', 2, writeFramePng(dir), path.join(dir, 'out'));
    const spec = threadSpecFor(job);
    const opened = await takeThread(spec, () => undefined);
    const frames: number[] = [];
    const upscale = opened.upscale.bind(opened);
    opened.upscale = (...args) => {
      frames.push(args[1]);
      return upscale(...args);
    };
    giveBack(opened);
    const result = await runPreview(job, quiet);
    assert.ok(existsSync(result.files.fused));
    assert.deepEqual(frames, [0], 'the preview did not run its frame on the thread holding its models');
    const next = await takeThread(spec, () => undefined);
    assert.equal(next, opened, 'the preview opened a thread of its own instead of using the one holding its models');
    giveBack(next);
    // A second preview gives the same pictures from the models it found open.
    const again = await runPreview({ ...job, outDir: path.join(dir, 'again') }, quiet);
    assert.equal(maxAbsDiff(readPng(again.files.base).data, readPng(result.files.base).data), 0);
  });

  it('keeps the models open when the frame cannot be decoded', async () => {
    const dir = tempDir('specula-preview-thread-');
    const job = jobFor('fast', 2, writeFramePng(dir), path.join(dir, 'out'));
    const spec = threadSpecFor(job);
    const opened = await takeThread(spec, () => undefined);
    giveBack(opened);
    const broken = path.join(dir, 'broken.png');
    writeFileSync(broken, 'not a picture');
    await assert.rejects(runPreview({ ...job, input: { ...job.input, path: broken } }, quiet));
    const next = await takeThread(spec, () => undefined);
    assert.equal(next, opened);
    giveBack(next);
  });

  it('hears of every tile, and gets the base while the draft still runs', async () => {
    const job = jobFor('detail', 4, '', '');
    const thread = await takeThread(threadSpecFor(job), () => undefined);
    const events: string[] = [];
    let early: PlanarFrame | null = null;
    try {
      const upscaled = await thread.upscale({ ...frame, data: frame.data.slice() }, 0, {
        onTile: (done, total) => events.push(`tile ${done}/${total}`),
        onBranch: (index, branch, runMs) => {
          events.push(`branch ${index}`);
          assert.ok(runMs > 0);
          if (index === 0) early = { ...branch, data: branch.data.slice() };
        },
      });
      events.push('done');
      // detail x4 on a 64x40 frame: one tile, base then draft.
      assert.deepEqual(events, ['tile 1/2', 'branch 0', 'tile 2/2', 'branch 1', 'done']);
      assert.equal(upscaled.branches.length, 2);
      assert.equal(maxAbsDiff(upscaled.branches[0]!.data, early!.data), 0);
      assert.equal(upscaled.branches[1]!.data.length, 3 * frame.width * 4 * frame.height * 4);
      assert.ok(maxAbsDiff(upscaled.branches[1]!.data, upscaled.branches[0]!.data) > 1, 'the draft branch is not the base');
    } finally {
      giveBack(thread);
    }
  });
});
