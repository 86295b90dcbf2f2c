// A render with a stateful latent pack that is cancelled and run again ends with the very frames
// of an uninterrupted render: the resume restarts the state from the clip's first window.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import type { RenderJob, RenderResult } from '../../../src-shared/jobs/render-job.js';
import { probeMedia } from '../../../src-main/media/probe-media.js';
import { readPack } from '../../../src-main/packs/pack-catalog.js';
import { prepareRender } from '../../../src-main/render/prepare-render.js';
import { WorkerClient } from '../../../src-main/worker/worker-client.js';
import { writeLatentPack } from '../../../tools/latent-packs/write-latent-pack.js';
import { makeClip } from '../../helpers/clips.js';
import { RECURRENT_PACK } from '../../helpers/latent-packs.js';
import { tempDir } from '../../helpers/project.js';

const FRAMES = 12;

async function jobFor(packDir: string, clip: string, outDir: string): Promise<RenderJob> {
  const pack = await readPack(packDir, 'user');
  assert.equal(pack.problem, null);
  const media = await probeMedia('ffprobe', clip);
  // One frame per segment, lossless: a resume can start anywhere, and equal frames encode equally.
  return prepareRender(media, { engine: {}, fusion: {}, window: { t: 4, overlap: 1 }, encode: { preset: 'ultrafast', crf: 0 }, output: { outDir }, segmentFrames: 1 }, pack, 'ffmpeg');
}

function decoded(file: string): Buffer {
  return execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], { maxBuffer: 1 << 26 });
}

describe('recurrent state across a resumed render', () => {
  let dir: string;
  let packDir: string;
  let clip: string;
  before(() => {
    dir = tempDir('specula-recurrent-resume-');
    packDir = writeLatentPack(path.join(dir, 'packs'), RECURRENT_PACK);
    clip = makeClip(path.join(dir, 'walk.mp4'), { width: 48, height: 32, frames: FRAMES, fps: 12, audio: false });
  });

  it('gives the frames of an uninterrupted render', async () => {
    const worker = new WorkerClient();
    try {
      const whole = await jobFor(packDir, clip, path.join(dir, 'whole'));
      await worker.request({ type: 'render', job: whole });

      const resumed = await jobFor(packDir, clip, path.join(dir, 'resumed'));
      // Windows [0, 4), [3, 7), [5, 9), [8, 12): stopped after frame 5, a resume that did not go
      // back to the first window would start at [3, 7) without the state window [0, 4) hands on.
      let cancelledAt = -1;
      const first = worker.start({ type: 'render', job: resumed }, {
        onProgress: (p) => {
          if (cancelledAt < 0 && p.stage === 'render' && p.done >= 5 && p.done < FRAMES) {
            cancelledAt = p.done;
            worker.cancel(first.id);
          }
        },
      });
      await assert.rejects(first.done, /cancelled/, 'the render finished before it could be cancelled after frame 5');
      const result = (await worker.request({ type: 'render', job: resumed })) as RenderResult;
      assert.ok(result.segmentsReused.length >= 5 && result.segmentsEncoded.length > 0, `cancelled at frame ${cancelledAt}: reused ${result.segmentsReused.length} segments, encoded ${result.segmentsEncoded.length}`);
      assert.ok(decoded(resumed.outPath!).equals(decoded(whole.outPath!)), 'the resumed render differs from the uninterrupted one');
    } finally {
      worker.close();
    }
  });
});
