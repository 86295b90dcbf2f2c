import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import type { RenderJob, RenderResult } from '../../src-shared/jobs/render-job.js';
import { probeMedia } from '../../src-main/media/probe-media.js';
import { readPack } from '../../src-main/packs/pack-catalog.js';
import { prepareRender } from '../../src-main/render/prepare-render.js';
import { WorkerClient } from '../../src-main/worker/worker-client.js';
import { makeClip, videoOf } from '../helpers/clips.js';
import { BUILT_IN_PACKS, tempDir } from '../helpers/project.js';

const FRAMES = 48;
const SEGMENT = 4;

async function jobFor(clip: string, outDir: string): Promise<RenderJob> {
  const pack = await readPack(path.join(BUILT_IN_PACKS, 'fast'), 'built-in');
  const media = await probeMedia('ffprobe', clip);
  return prepareRender(media, { scale: 2, engine: {}, fusion: {}, window: {}, encode: { preset: 'ultrafast' }, output: { outDir }, segmentFrames: SEGMENT }, pack, 'ffmpeg');
}

function childrenOf(pid: number): string[] {
  try {
    return execFileSync('ps', ['-o', 'pid=,stat=,comm=', '--ppid', String(pid)], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  } catch {
    return []; // ps exits 1 when there are none
  }
}

describe('render segments', () => {
  let dir: string;
  before(() => {
    dir = tempDir('specula-resume-');
  });

  it('resumes after the worker is killed at a random frame, encoding no segment twice', async () => {
    const clip = makeClip(path.join(dir, 'long.mp4'), { width: 160, height: 90, frames: FRAMES, fps: 24 });
    const job = await jobFor(clip, path.join(dir, 'out'));
    const killAt = 6 + Math.floor(Math.random() * (FRAMES - 16));
    const first = new WorkerClient();
    let killedAt = -1;
    const run = first.start({ type: 'render', job }, {
      onProgress: (p) => {
        if (killedAt < 0 && p.stage === 'render' && p.done >= killAt && p.done < FRAMES) {
          killedAt = p.done;
          first.kill('SIGKILL');
        }
      },
    });
    await assert.rejects(run.done, /stopped unexpectedly/);
    assert.ok(killedAt > 0, 'the worker finished before it could be killed');
    assert.equal(existsSync(job.outPath!), false, 'no final file after a crash');
    const kept = (JSON.parse(readFileSync(path.join(job.workDir, 'segments.json'), 'utf8')) as { segments: { index: number }[] }).segments.map((s) => s.index);
    assert.ok(kept.length >= 1, `killed at frame ${killedAt}, no segment was finished`);

    const second = new WorkerClient();
    try {
      const result = (await second.request({ type: 'render', job })) as RenderResult;
      assert.deepEqual(result.segmentsReused, kept);
      assert.deepEqual(result.segmentsEncoded.filter((i) => kept.includes(i)), [], 'a finished segment was encoded again');
      assert.deepEqual([...kept, ...result.segmentsEncoded].sort((a, b) => a - b), Array.from({ length: FRAMES / SEGMENT }, (_, i) => i));
      const video = videoOf(job.outPath!);
      assert.equal(Number(video.nb_read_packets), FRAMES);
      assert.deepEqual([video.width, video.height], [320, 180]);
    } finally {
      second.close();
    }
  });

  it('cancels: every ffmpeg child is gone, no zombie, no partial output', async () => {
    const clip = makeClip(path.join(dir, 'cancel.mp4'), { width: 160, height: 90, frames: FRAMES, fps: 24 });
    const job = await jobFor(clip, path.join(dir, 'out-cancel'));
    const worker = new WorkerClient();
    try {
      let childrenWhileRunning: string[] = [];
      const run = worker.start({ type: 'render', job }, {
        onProgress: (p) => {
          if (p.stage === 'render' && childrenWhileRunning.length === 0) {
            childrenWhileRunning = childrenOf(worker.pid!);
            worker.cancel(run.id);
          }
        },
      });
      await assert.rejects(run.done, /cancelled/);
      assert.ok(childrenWhileRunning.some((c) => c.includes('ffmpeg')), `ffmpeg was running: ${childrenWhileRunning.join('; ')}`);
      assert.deepEqual(childrenOf(worker.pid!), [], 'children left after cancel (a Z in the state is a zombie)');
      assert.equal(existsSync(job.outPath!), false);
      assert.deepEqual(readdirSync(path.dirname(job.outPath!)).filter((f) => f.endsWith('.mp4')), []);
    } finally {
      worker.close();
    }
  });
});
