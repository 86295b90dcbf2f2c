// The crash test: `specula render` on a library of several clips, its whole process tree (the
// CLI, the worker, ffmpeg) killed with SIGKILL at three random moments and run again each time.
// Every render must complete, the database must pass integrity_check, no clip or setting may be
// lost, and no finished segment may be rendered twice.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { makeClip, probeStreams } from '../helpers/clips.js';
import { ROOT, runSpecula, tempDir } from '../helpers/project.js';

const CLIPS = ['beach.mp4', 'city.mp4', 'snow.mp4'];
const FRAMES = 60;
const FPS = 12;
/** Segments are about two seconds long: 24 frames at 12 fps, so each clip has three (24, 24, 12). */
const SEGMENTS_PER_CLIP = 3;

interface RunOutcome {
  events: Record<string, unknown>[];
  killed: boolean;
  status: number | null;
}

/** When to kill: once this many segments are finished in the run, after this many more progress reports. */
interface KillMoment {
  segments: number;
  progress: number;
}

/** Runs `specula render --all --json`, and SIGKILLs its whole process group at the given moment. */
function renderRun(library: string, killAt: KillMoment | null): Promise<RunOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'specula.js'), 'render', '--library', library, '--all', '--json'], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const events: Record<string, unknown>[] = [];
    let buffered = '';
    let segments = 0;
    let progressSince = 0;
    let killed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines.filter(Boolean)) {
        const event = JSON.parse(line) as Record<string, unknown>;
        events.push(event);
        if (event['event'] === 'segment') segments += 1;
        if (event['event'] === 'progress' && killAt && segments >= killAt.segments) progressSince += 1;
        if (killAt && !killed && segments >= killAt.segments && progressSince >= killAt.progress) {
          killed = true;
          process.kill(-child.pid!, 'SIGKILL');
        }
      }
    });
    child.stderr.resume();
    child.on('error', reject);
    child.on('close', (status) => resolve({ events, killed, status }));
  });
}

function integrity(library: string): string {
  const db = new Database(library, { readonly: true });
  try {
    return db.pragma('integrity_check', { simple: true }) as string;
  } finally {
    db.close();
  }
}

describe('library render crash safety', () => {
  it('completes every render after the process tree is killed at three random moments, losing nothing and rendering no segment twice', async () => {
    const dir = tempDir('specula-crash-');
    mkdirSync(path.join(dir, 'clips'));
    for (const name of CLIPS) makeClip(path.join(dir, 'clips', name), { width: 160, height: 90, frames: FRAMES, fps: FPS });
    const library = path.join(dir, 'library.specula');
    assert.equal(runSpecula(['library', 'add', '--library', library, path.join(dir, 'clips')]).status, 0);
    assert.equal(runSpecula(['library', 'set', '--library', library, '--defaults', 'pack=fast', 'scale=2', 'preset=ultrafast']).status, 0);
    assert.equal(runSpecula(['library', 'set', '--library', library, '2', 'crf=21', 'alpha=0.4']).status, 0);
    const before = JSON.parse(runSpecula(['library', 'list', '--library', library, '--json']).stdout) as { clips: { id: number; name: string; overridden: string[] }[] };

    const runs: RunOutcome[] = [];
    for (let kill = 0; kill < 3; kill++) {
      // A random moment, late enough that each killed run has finished work to lose: after one or two
      // segments, then 0 to 3 progress reports (a report comes about every 250 ms), so it lands anywhere
      // from just after a segment is written to deep inside the next one.
      const outcome = await renderRun(library, { segments: 1 + Math.floor(Math.random() * 2), progress: Math.floor(Math.random() * 4) });
      runs.push(outcome);
      assert.equal(integrity(library), 'ok', `after kill ${kill + 1}`);
    }
    console.log(runs.map((r) => [r.killed, r.events.filter((e) => e['event'] === 'segment').map((e) => `${e['render']}:${e['index']}`).join(' ')]));
    assert.ok(runs.every((r) => r.killed), 'a run finished before it could be killed');
    const last = await renderRun(library, null);
    runs.push(last);
    assert.equal(last.status, 0, JSON.stringify(last.events.filter((e) => e['event'] !== 'progress')));
    assert.equal(integrity(library), 'ok');

    // No finished segment was ever rendered a second time, in any run.
    const encoded = runs.flatMap((r) => r.events.filter((e) => e['event'] === 'segment').map((e) => `${e['render']}:${e['index']}`));
    assert.deepEqual(encoded.filter((key, i) => encoded.indexOf(key) !== i), [], 'segments rendered twice');

    // Every render is done with all its segments; no clip or setting was lost.
    const status = JSON.parse(runSpecula(['status', '--library', library, '--json']).stdout) as { renders: { clipId: number; status: string; segments: number; progress: { done: number } }[] };
    const latest = new Map(status.renders.map((r) => [r.clipId, r]));
    assert.equal(latest.size, CLIPS.length);
    for (const render of latest.values()) assert.deepEqual([render.status, render.segments, render.progress.done], ['done', SEGMENTS_PER_CLIP, FRAMES]);
    const after = JSON.parse(runSpecula(['library', 'list', '--library', library, '--json']).stdout) as typeof before;
    assert.deepEqual(after.clips.map((c) => [c.id, c.name, c.overridden]), before.clips.map((c) => [c.id, c.name, c.overridden]));

    // And the result is whole: each export has every frame.
    const exported = runSpecula(['export', '--library', library, '--all', '--out', path.join(dir, 'out')]);
    assert.equal(exported.status, 0, exported.stderr);
    for (const name of CLIPS) {
      const video = probeStreams(path.join(dir, 'out', name)).find((s) => s.codec_type === 'video')!;
      assert.equal(Number(video.nb_read_packets), FRAMES, name);
    }
  });
});
