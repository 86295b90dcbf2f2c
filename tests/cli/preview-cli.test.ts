import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { assertUserError, maxAbsDiff, photoPath, readPng, runSpecula, tempDir } from '../helpers/project.js';

let work: string;
let smallPhoto: string;
let clip: string;

before(() => {
  work = tempDir('specula-cli-');
  smallPhoto = path.join(work, 'small.png');
  execFileSync('ffmpeg', ['-v', 'error', '-i', photoPath('chelsea'), '-vf', 'crop=96:64:160:110', smallPhoto]);
  // Ten frames of a pan across a real photo: every frame differs.
  clip = path.join(work, 'pan.mp4');
  execFileSync('ffmpeg', ['-v', 'error', '-loop', '1', '-i', photoPath('coffee'), '-vf', "crop=64:48:'40+n*6':100,format=yuv420p", '-frames:v', '10', '-r', '10', '-c:v', 'libx264', '-crf', '18', clip]);
});


describe('specula preview', () => {
  it('writes lr, base, draft, fused and preview.json with the default pack', () => {
    const out = path.join(work, 'out-default');
    const run = runSpecula(['preview', smallPhoto, '--out', out]);
    assert.equal(run.status, 0, run.stderr);
    const [lr, base, draft, fused] = ['lr', 'base', 'draft-1', 'fused'].map((n) => readPng(path.join(out, `${n}.png`)));
    for (const image of [lr, base, draft, fused]) assert.deepEqual([image!.width, image!.height], [384, 256]);
    // The fusion really mixes: the result is neither the base nor the draft.
    assert.ok(maxAbsDiff(fused!.data, base!.data) > 5);
    assert.ok(maxAbsDiff(fused!.data, draft!.data) > 5);
    const info = JSON.parse(readFileSync(path.join(out, 'preview.json'), 'utf8'));
    assert.equal(info.settings.pack, 'detail');
    assert.equal(info.settings.fusion.alpha, 0.6);
    assert.ok(info.timings.baseInference > 0 && info.timings.draftInference > 0 && info.timings.total >= info.timings.baseInference);
  });

  it('alpha 0 makes the fused frame the base', () => {
    const out = path.join(work, 'out-alpha0');
    const run = runSpecula(['preview', smallPhoto, '--alpha', '0', '--tile', '32', '--out', out]);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(readPng(path.join(out, 'fused.png')).data, readPng(path.join(out, 'base.png')).data);
  });

  it('takes the asked-for frame of a video', () => {
    const outs = [0, 7].map((frame) => {
      const out = path.join(work, `out-frame-${frame}`);
      const run = runSpecula(['preview', clip, '--frame', String(frame), '--pack', 'fast', '--scale', '2', '--out', out]);
      assert.equal(run.status, 0, run.stderr);
      return readPng(path.join(out, 'base.png'));
    });
    assert.deepEqual([outs[0]!.width, outs[0]!.height], [128, 96]);
    assert.ok(maxAbsDiff(outs[0]!.data, outs[1]!.data) > 20, 'frames 0 and 7 of a pan differ');
  });

  it('falls back to CPU with one clear message when CUDA cannot be used', () => {
    const out = path.join(work, 'out-cuda');
    const run = runSpecula(['preview', smallPhoto, '--pack', 'fast', '--scale', '2', '--device', 'cuda', '--out', out]);
    assert.equal(run.status, 0, run.stderr);
    const device = JSON.parse(readFileSync(path.join(out, 'preview.json'), 'utf8')).device;
    if (device === 'cpu') {
      const notices = run.stderr.split('\n').filter((l) => l.includes('CUDA could not be used'));
      assert.equal(notices.length, 1, run.stderr);
      assert.match(notices[0]!, /running on CPU; to add the CUDA provider run: npm rebuild onnxruntime-node --onnxruntime-node-install=cuda12/);
    }
  });

  it('falls back to CPU with one clear message when no GPU can be reached through WebGPU', () => {
    const out = path.join(work, 'out-webgpu');
    const run = runSpecula(['preview', smallPhoto, '--pack', 'fast', '--scale', '2', '--device', 'webgpu', '--out', out]);
    assert.equal(run.status, 0, run.stderr);
    const base = readPng(path.join(out, 'base.png'));
    assert.deepEqual([base.width, base.height], [192, 128]);
    const device = JSON.parse(readFileSync(path.join(out, 'preview.json'), 'utf8')).device;
    if (device === 'cpu') {
      const notices = run.stderr.split('\n').filter((l) => l.includes('WebGPU could not be used'));
      assert.equal(notices.length, 1, run.stderr);
      assert.match(notices[0]!, /^WebGPU could not be used \([^/].*\), so Specula is running on CPU; WebGPU needs a GPU with a Vulkan \(Linux\), Direct3D 12 \(Windows\) or Metal \(macOS\) driver/);
    } else {
      assert.equal(device, 'webgpu');
    }
  });

  describe('bad input: one line on stderr, exit code 2', () => {
    it('missing file', () => assertUserError(runSpecula(['preview', path.join(work, 'nope.png'), '--out', work]), /nope\.png does not exist/));
    it('zero bytes', () => {
      const empty = path.join(work, 'empty.mp4');
      writeFileSync(empty, '');
      assertUserError(runSpecula(['preview', empty, '--out', work]), /empty\.mp4 is empty \(0 bytes\)/);
    });
    it('not an image or video', () => {
      const text = path.join(work, 'notes.png');
      writeFileSync(text, 'just some words, not pixels\n'.repeat(20));
      assertUserError(runSpecula(['preview', text, '--out', work]), /notes\.png is not an image or video that ffmpeg can read/);
    });
    it('frame out of range in a video', () => assertUserError(runSpecula(['preview', clip, '--frame', '10', '--out', work]), /Frame 10 is out of range: .*pan\.mp4 has 10 frames \(0 to 9\)/));
    it('frame out of range in an image', () => assertUserError(runSpecula(['preview', smallPhoto, '--frame', '1', '--out', work]), /is an image, so only frame 0 exists/));
    it('unknown pack', () => assertUserError(runSpecula(['preview', smallPhoto, '--pack', 'nope', '--out', work]), /no pack named "nope"; installed packs: detail, fast/));
    it('scale the pack lacks', () => assertUserError(runSpecula(['preview', smallPhoto, '--pack', 'fast', '--scale', '3', '--out', work]), /has no x3 model; it offers x2, x4/));
    it('bad number', () => assertUserError(runSpecula(['preview', smallPhoto, '--alpha', '2', '--out', work]), /--alpha.*from 0 to 1/));
    it('missing --out', () => assertUserError(runSpecula(['preview', smallPhoto]), /--out/));
    it('tile not above twice the overlap', () => assertUserError(runSpecula(['preview', smallPhoto, '--tile', '16', '--overlap', '8', '--out', work]), /more than twice the overlap/));
    it('ffmpeg missing', () => {
      const env: NodeJS.ProcessEnv = { ...process.env, PATH: path.join(work, 'empty-path') };
      delete env['SPECULA_FFMPEG'];
      assertUserError(runSpecula(['preview', smallPhoto, '--out', work], env), /ffmpeg was not found: install it \(Debian\/Ubuntu: sudo apt-get install ffmpeg/);
    });
  });
});
