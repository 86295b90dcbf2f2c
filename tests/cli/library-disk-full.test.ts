// A full disk under the render folder, and an export folder on a read-only disk: the render fails
// with one sentence saying what to do, keeps its finished segments, and resumes once there is
// room; the export fails with its reason and the render stays done. Nothing in the library is
// lost. The small disks are tmpfs mounts in a private mount namespace (unshare -m), which needs
// root (CI and this machine run as root); elsewhere the test says why it is skipped.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { makeClip } from '../helpers/clips.js';
import { ROOT, runSpecula, tempDir } from '../helpers/project.js';

const canMount = spawnSync('unshare', ['-m', 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs /mnt && umount /mnt'], { encoding: 'utf8' }).status === 0;

describe('a full disk and a read-only export folder', () => {
  it('fails the render with what to do, keeps its segments, and resumes when there is room', { skip: canMount ? false : 'needs a private mount namespace with tmpfs (run as root)' }, () => {
    const dir = tempDir('specula-full-');
    mkdirSync(path.join(dir, 'clips'));
    for (const name of ['one.mp4', 'two.mp4']) makeClip(path.join(dir, 'clips', name), { width: 160, height: 90, frames: 60, fps: 12 });
    const library = path.join(dir, 'library.specula');
    assert.equal(runSpecula(['library', 'add', '--library', library, path.join(dir, 'clips')]).status, 0);
    assert.equal(runSpecula(['library', 'set', '--library', library, '--defaults', 'pack=fast', 'scale=2', 'preset=ultrafast']).status, 0);
    const renders = path.join(dir, 'library-renders');
    const out = path.join(dir, 'out');
    mkdirSync(renders);
    mkdirSync(out);
    const specula = `${process.execPath} ${path.join(ROOT, 'bin', 'specula.js')}`;
    // One script in one private mount namespace: the small disk must outlive the first render.
    const script = [
      `mount -t tmpfs -o size=200k tmpfs ${renders}`,
      `${specula} render --library ${library} --all --json > ${dir}/full.log 2>&1; echo $? > ${dir}/full.status`,
      `${specula} status --library ${library} --json > ${dir}/after-full.json`,
      `mount -o remount,size=64m ${renders}`,
      `${specula} render --library ${library} --all --json > ${dir}/resumed.log 2>&1; echo $? > ${dir}/resumed.status`,
      `mount -t tmpfs -o ro,size=64k tmpfs ${out}`,
      `${specula} export --library ${library} --all --out ${out} > ${dir}/export.log 2>&1; echo $? > ${dir}/export.status`,
      `${specula} status --library ${library} --json > ${dir}/final.json`,
    ].join('\n');
    writeFileSync(path.join(dir, 'scenario.sh'), script);
    const run = spawnSync('unshare', ['-m', 'sh', path.join(dir, 'scenario.sh')], { encoding: 'utf8', cwd: ROOT });
    assert.equal(run.status, 0, run.stderr);
    const read = (name: string): string => spawnSync('cat', [path.join(dir, name)], { encoding: 'utf8' }).stdout.trim();
    type Status = { renders: { id: number; status: string; error: string | null; segments: number; progress: { done: number } }[]; exports: { status: string; error: string | null }[] };

    assert.equal(read('full.status'), '1', read('full.log'));
    const full = JSON.parse(read('after-full.json')) as Status;
    assert.deepEqual(full.renders.map((r) => r.status), ['failed', 'failed']);
    for (const r of full.renders) assert.match(r.error!, /^The disk holding .*library-renders\/render-\d+ is full; free some space there \(or choose another render folder\), then resume — finished segments are kept\.$/);
    const kept = full.renders.reduce((n, r) => n + r.segments, 0);
    assert.ok(kept >= 1, 'no segment fitted on the small disk: the test proves nothing about keeping them');

    assert.equal(read('resumed.status'), '0', read('resumed.log'));
    const resumedSegments = read('resumed.log').split('\n').filter((l) => l.includes('"event":"segment"')).length;
    assert.equal(resumedSegments, 6 - kept, 'the resumed renders made only the segments the full disk had stopped');

    assert.equal(read('export.status'), '1');
    assert.match(read('export.log'), /out is on a read-only disk; choose another folder, then export again\./);
    const final = JSON.parse(read('final.json')) as Status;
    assert.deepEqual(final.renders.map((r) => [r.status, r.progress.done]), [['done', 60], ['done', 60]]);
    assert.deepEqual(final.exports.map((e) => e.status), ['failed', 'failed']);
  });
});
