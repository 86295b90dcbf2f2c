// Worker supervision and the queue's scheduling, with real workers: a worker that dies mid-render
// is replaced and the render retried once, resuming from its segments; a second death fails the
// render with the reason; nothing is left hanging. Workers per device run renders side by side.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { RenderRecord } from '../../../src-shared/api/library-records.js';
import type { InferenceWorker } from '../../../src-main/worker/inference-worker.js';
import { WorkerClient } from '../../../src-main/worker/worker-client.js';
import { makeClip } from '../../helpers/clips.js';
import { FAST_DEFAULTS, openTestLibrary, settled } from '../../helpers/library.js';
import { tempDir } from '../../helpers/project.js';

/** Three segments of 24, 24 and 12 frames: a worker killed after either of the first two has work left. */
const FRAMES = 60;

/** Real workers, each of which is SIGKILLed once it has finished a segment, while `deaths` lasts. */
function dyingWorkers(deaths: { left: number }): () => InferenceWorker {
  return () => {
    const worker = new WorkerClient();
    return {
      start: (request, callbacks = {}) =>
        worker.start(request, {
          ...callbacks,
          onSegment: (segment) => {
            callbacks.onSegment?.(segment);
            if (deaths.left > 0) {
              deaths.left -= 1;
              worker.kill('SIGKILL');
            }
          },
        }),
      cancel: (target) => worker.cancel(target),
      close: () => worker.close(),
      kill: (signal) => worker.kill(signal),
    };
  };
}

async function libraryWithClips(names: string[], workers?: () => InferenceWorker) {
  const dir = tempDir('specula-queue-');
  for (const name of names) makeClip(path.join(dir, name), { width: 96, height: 54, frames: FRAMES, fps: 12 });
  const library = await openTestLibrary(dir, workers ? { workers } : {});
  await library.api.setDefaults({ patch: FAST_DEFAULTS });
  const { added } = await library.api.addClips({ paths: names.map((n) => path.join(dir, n)) });
  library.services.startWork();
  return { library, clipIds: added.map((c) => c.id) };
}

describe('render queue', () => {
  it('retries a render once when its worker dies, resuming from the finished segments', async () => {
    const deaths = { left: 1 };
    const { library, clipIds } = await libraryWithClips(['a.mp4'], dyingWorkers(deaths));
    try {
      const [render] = await library.api.queueRenders({ clipIds });
      const [done] = await settled(library.api, [render!.id]);
      assert.equal(deaths.left, 0, 'the worker was never killed');
      assert.deepEqual([done!.status, done!.attempts, done!.segments, done!.progress.done], ['done', 2, 3, FRAMES], done!.error ?? '');
    } finally {
      await library.close();
    }
  });

  it('fails a render whose worker dies twice, with the reason, and goes on with the next', async () => {
    const deaths = { left: 2 };
    const { library, clipIds } = await libraryWithClips(['a.mp4', 'b.mp4'], dyingWorkers(deaths));
    try {
      const renders = await library.api.queueRenders({ clipIds });
      const [first, second] = await settled(library.api, renders.map((r) => r.id));
      assert.equal(first!.status, 'failed');
      assert.match(first!.error!, /The inference worker stopped unexpectedly twice on this render \(SIGKILL\); resume it to try again — finished segments are kept\./);
      assert.equal(second!.status, 'done', 'the queue went on');
      // Resuming the failed one finishes it from its segments.
      await library.api.resumeRender({ id: first!.id });
      const [resumed] = await settled(library.api, [first!.id]);
      assert.deepEqual([resumed!.status, resumed!.progress.done], ['done', FRAMES]);
    } finally {
      await library.close();
    }
  });

  it('runs as many renders at once as the device has workers', async () => {
    const { library, clipIds } = await libraryWithClips(['a.mp4', 'b.mp4', 'c.mp4']);
    try {
      await library.api.setConcurrency({ device: 'cpu', workers: 2 });
      let most = 0;
      const running = new Set<number>();
      const stop = library.api.onRenderChanged((r: RenderRecord) => {
        if (r.status === 'running') running.add(r.id);
        else running.delete(r.id);
        most = Math.max(most, running.size);
      });
      const renders = await library.api.queueRenders({ clipIds });
      const finished = await settled(library.api, renders.map((r) => r.id));
      stop();
      assert.deepEqual(finished.map((r) => r.status), ['done', 'done', 'done']);
      assert.equal(most, 2);
    } finally {
      await library.close();
    }
  });

  it('puts renders that were running back in the queue when it stops, and resumes them on the next start', async () => {
    const { library, clipIds } = await libraryWithClips(['a.mp4']);
    const [render] = await library.api.queueRenders({ clipIds });
    await new Promise<void>((resolve) => {
      const stop = library.api.onSegmentDone(() => {
        stop();
        resolve();
      });
    });
    await library.services.close({ pauseQueue: true });
    const reopened = await openTestLibrary(path.dirname(library.services.library.file));
    try {
      const [waiting] = await reopened.api.listRenders({});
      assert.deepEqual([waiting!.status, waiting!.segments], ['queued', 1]);
      reopened.services.startWork();
      assert.equal((await reopened.api.getQueue()).paused, true, 'quitting paused the queue');
      await reopened.api.resumeQueue();
      const [done] = await settled(reopened.api, [render!.id]);
      assert.deepEqual([done!.status, done!.segments, done!.progress.done], ['done', 3, FRAMES]);
    } finally {
      await reopened.close();
    }
  });
});
