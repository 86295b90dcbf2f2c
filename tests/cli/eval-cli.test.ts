// `specula eval` as a user runs it: folders of frames, folders of clips, the temporal measure on a
// real flicker, sharpness without a ground truth, where the metrics file goes, and bad input.
// Agreement with ffmpeg is in eval-ffmpeg.test.ts.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { PNG } from 'pngjs';
import { makeClip } from '../helpers/clips.js';
import { BT709_TV_TO_RGB } from '../helpers/ffmpeg-quality.js';
import { assertUserError, photoPath, runSpecula, tempDir, type CliRun } from '../helpers/project.js';

interface Measured {
  psnr?: { rgb: number | null; y: number | null };
  ssim?: { rgb: number; y: number };
  temporal?: number | null;
  sharpness?: number;
}

interface MetricsDocument {
  pred: string;
  gt: string | null;
  metrics: string[];
  crop: number;
  clips: (Measured & { name: string; frames: number; width: number; height: number; perFrame: Measured[]; temporalPerStep?: number[] })[];
  mean: Measured;
}

let work: string;
let clip: string;
let gtFrames: string;

function ffmpeg(...args: string[]): void {
  execFileSync('ffmpeg', ['-v', 'error', '-y', ...args]);
}

function evaluate(args: string[]): MetricsDocument {
  const run = runSpecula(['eval', ...args, '--json']);
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as MetricsDocument;
}

/** Every frame of a folder of PNGs brightened by offset(t) levels (clipped), as a new folder. */
function brightenFrames(from: string, to: string, offset: (t: number) => number): string {
  mkdirSync(to, { recursive: true });
  readdirSync(from)
    .sort()
    .forEach((name, t) => {
      const png = PNG.sync.read(readFileSync(path.join(from, name)));
      for (let i = 0; i < png.data.length; i++) if (i % 4 !== 3) png.data[i] = Math.min(255, Math.max(0, png.data[i]! + offset(t)));
      writeFileSync(path.join(to, name), PNG.sync.write(png));
    });
  return to;
}

before(() => {
  work = tempDir('specula-eval-cli-');
  clip = makeClip(path.join(work, 'pan.mp4'), { width: 96, height: 64, frames: 12, audio: false });
  gtFrames = path.join(work, 'gt-frames');
  mkdirSync(gtFrames);
  ffmpeg('-i', clip, '-vf', BT709_TV_TO_RGB, path.join(gtFrames, 'frame%03d.png'));
});

describe('specula eval', () => {
  it('temporal is zero for a prediction equal to the ground truth and grows with a flicker', () => {
    const values = [0, 2, 5, 12].map((k) => {
      const pred = brightenFrames(gtFrames, path.join(work, `flicker-${k}`), (t) => (t % 2 === 0 ? k : -k));
      const document = evaluate(['--pred', pred, '--gt', gtFrames, '--out', path.join(work, 'metrics-flicker')]);
      assert.deepEqual(document.metrics, ['psnr', 'ssim', 'temporal']);
      const [measured] = document.clips;
      assert.equal(measured!.frames, 12);
      assert.equal(measured!.perFrame.length, 12);
      assert.equal(measured!.temporalPerStep!.length, 11);
      if (k === 0) {
        // Identical frames: PSNR is infinite (null in JSON), SSIM is 1.
        assert.equal(measured!.psnr!.rgb, null);
        assert.equal(measured!.ssim!.rgb, 1);
      }
      return measured!.temporal!;
    });
    assert.equal(values[0], 0);
    for (let i = 1; i < values.length; i++) assert.ok(values[i]! > values[i - 1]!, `temporal for k = 0, 2, 5, 12: ${values.join(', ')}`);
    assert.ok(values[3]! > 12, `a ±12 flicker changes each step by up to 24 levels: ${values[3]}`);
  });

  it('a steady brightness error costs PSNR but hardly any temporal consistency', () => {
    const pred = brightenFrames(gtFrames, path.join(work, 'steady-8'), () => 8);
    const flicker = brightenFrames(gtFrames, path.join(work, 'flicker-8'), (t) => (t % 2 === 0 ? 8 : -8));
    const [steady, flickering] = [pred, flicker].map((p) => evaluate(['--pred', p, '--gt', gtFrames, '--out', path.join(work, 'metrics-steady')]).clips[0]!);
    assert.ok(steady!.psnr!.rgb! < 35, `PSNR ${steady!.psnr!.rgb}`);
    assert.ok(steady!.temporal! < flickering!.temporal! / 10, `steady ${steady!.temporal}, flicker ${flickering!.temporal}`);
  });

  it('without a ground truth measures sharpness, larger for a real photo than its blurred copy, beside the prediction', () => {
    const dir = path.join(work, 'sharpness');
    mkdirSync(dir);
    const photo = path.join(dir, 'chelsea.png');
    copyFileSync(photoPath('chelsea'), photo);
    const blurred = path.join(dir, 'chelsea-blurred.png');
    ffmpeg('-i', photo, '-vf', 'gblur=sigma=1.5', blurred);
    const [sharp, soft] = [photo, blurred].map((file) => {
      const document = evaluate(['--pred', file]);
      assert.deepEqual(document.metrics, ['sharpness']);
      assert.equal(document.gt, null);
      return document.clips[0]!.sharpness!;
    });
    assert.ok(sharp! > soft! * 1.5, `photo ${sharp}, blurred ${soft}`);
    const written = JSON.parse(readFileSync(path.join(dir, 'metrics_sharpness.json'), 'utf8')) as MetricsDocument;
    assert.equal(written.clips[0]!.name, 'chelsea-blurred');
  });

  it('measures a folder of clips against the clips of the same names, with the mean over clips', () => {
    const [preds, gts] = [path.join(work, 'clips-pred'), path.join(work, 'clips-gt')];
    mkdirSync(preds);
    mkdirSync(gts);
    for (const [name, x] of [['left', 0], ['right', 40]] as const) {
      const gt = path.join(gts, `${name}.mp4`);
      ffmpeg('-i', clip, '-vf', `crop=56:48:${x}:8`, '-c:v', 'libx264', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-colorspace', 'bt709', '-color_range', 'tv', gt);
      mkdirSync(path.join(preds, name));
      // Predictions as folders of frames: bicubic down and up.
      ffmpeg('-i', gt, '-vf', `${BT709_TV_TO_RGB},scale=28:24:flags=bicubic,scale=56:48:flags=bicubic`, path.join(preds, name, '%02d.png'));
    }
    // A ground-truth clip without a prediction is left out.
    copyFileSync(clip, path.join(gts, 'unused.mp4'));
    const run = runSpecula(['eval', '--pred', preds, '--gt', gts, '--crop', '2']);
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.trim().split('\n');
    assert.match(lines[0]!, /^clip\s+frames\s+PSNR RGB\s+PSNR Y\s+SSIM RGB\s+SSIM Y\s+temporal$/);
    assert.match(lines[1]!, /^left\s+12\s+\d+\.\d\d\s+\d+\.\d\d\s+0\.\d{4}\s+0\.\d{4}\s+\d+\.\d{3}$/);
    assert.match(lines[3]!, /^mean\s/);
    const file = path.join(preds, 'metrics_psnr_ssim_temporal.json');
    assert.equal(lines[4], `wrote ${file}`);
    const document = JSON.parse(readFileSync(file, 'utf8')) as MetricsDocument;
    assert.deepEqual(
      document.clips.map((c) => [c.name, c.frames, c.width, c.height]),
      [
        ['left', 12, 56, 48],
        ['right', 12, 56, 48],
      ],
    );
    assert.equal(document.crop, 2);
    const [left, right] = document.clips;
    assert.notEqual(left!.psnr!.rgb, right!.psnr!.rgb);
    assert.ok(Math.abs(document.mean.psnr!.rgb! - (left!.psnr!.rgb! + right!.psnr!.rgb!) / 2) < 1e-9);
    assert.ok(Math.abs(document.mean.ssim!.y - (left!.ssim!.y + right!.ssim!.y) / 2) < 1e-9);
    // The metrics file inside the predictions does not stop a second run.
    const again = runSpecula(['eval', '--pred', preds, '--gt', gts, '--crop', '2', '--metrics', 'ssim,psnr']);
    assert.equal(again.status, 0, again.stderr);
    assert.ok(existsSync(path.join(preds, 'metrics_psnr_ssim.json')));
  });

  describe('bad input: one line on stderr, exit code 2', () => {
    let photo: string;
    let shortClip: string;
    before(() => {
      photo = path.join(work, 'photo.png');
      copyFileSync(photoPath('coffee'), photo);
      shortClip = path.join(work, 'short.mp4');
      ffmpeg('-i', clip, '-frames:v', '10', '-c:v', 'libx264', shortClip);
    });


    const specula = (...args: string[]): CliRun => runSpecula(['eval', ...args]);

    it('missing prediction', () => assertUserError(specula('--pred', path.join(work, 'nope.mp4'), '--gt', clip), /nope\.mp4 does not exist; check the path/));
    it('missing ground truth', () => assertUserError(specula('--pred', clip, '--gt', path.join(work, 'gone')), /gone does not exist; check the path/));
    it('zero bytes', () => {
      const empty = path.join(work, 'empty.mp4');
      writeFileSync(empty, '');
      assertUserError(specula('--pred', empty, '--gt', clip), /empty\.mp4 is empty \(0 bytes\)/);
    });
    it('not an image or video', () => {
      const text = path.join(work, 'notes.mp4');
      writeFileSync(text, 'just some words, not pixels\n'.repeat(20));
      assertUserError(specula('--pred', clip, '--gt', text), /notes\.mp4 is not an image or video that ffmpeg can read/);
    });
    it('not an image in a folder of frames', () => {
      const frames = path.join(work, 'frames-with-notes');
      mkdirSync(frames);
      copyFileSync(photo, path.join(frames, '01.png'));
      writeFileSync(path.join(frames, '02.png'), 'not a picture\n'.repeat(20));
      assertUserError(specula('--pred', frames), /02\.png is not an image or video that ffmpeg can read/);
    });
    it('empty folder', () => {
      const empty = path.join(work, 'no-frames');
      mkdirSync(empty);
      assertUserError(specula('--pred', empty), /no-frames has no images or videos in it/);
    });
    it('unknown metric', () => assertUserError(specula('--pred', clip, '--gt', clip, '--metrics', 'psnr,lpips'), /--metrics.*unknown metric "lpips"; choose from psnr, ssim, temporal, sharpness/));
    it('a full-reference metric without --gt', () => assertUserError(specula('--pred', clip, '--metrics', 'psnr,sharpness'), /psnr compares with a ground truth: give --gt/));
    it('sizes differ', () => assertUserError(specula('--pred', clip, '--gt', photo), /pan\.mp4 is 96x64 but its ground truth .*photo\.png is 600x400; a prediction must be the size of its ground truth/));
    it('frame counts differ', () => assertUserError(specula('--pred', shortClip, '--gt', clip), /short\.mp4 has 10 frame\(s\) but its ground truth .*pan\.mp4 has 12; they must have the same number of frames/));
    it('frames of a folder differ in size', () => {
      const frames = path.join(work, 'mixed-sizes');
      mkdirSync(frames);
      copyFileSync(photo, path.join(frames, '01.png'));
      copyFileSync(photoPath('chelsea'), path.join(frames, '02.png'));
      assertUserError(specula('--pred', frames), /02\.png is 451x300 but .*01\.png is 600x400; every frame in .*mixed-sizes must be the same size/);
    });
    it('crop larger than the picture', () => assertUserError(specula('--pred', clip, '--gt', clip, '--crop', '30'), /--crop 30 leaves less than 8x8 pixels of .*pan\.mp4 \(96x64\); use a smaller crop/));
    it('bad crop value', () => assertUserError(specula('--pred', clip, '--gt', clip, '--crop', '-1'), /--crop.*whole number of at least 0/));
    it('no ground-truth clip of that name', () => {
      const [preds, gts] = [path.join(work, 'named-pred'), path.join(work, 'named-gt')];
      mkdirSync(preds);
      mkdirSync(gts);
      copyFileSync(clip, path.join(preds, 'a.mp4'));
      copyFileSync(clip, path.join(preds, 'b.mp4'));
      copyFileSync(clip, path.join(gts, 'a.mp4'));
      copyFileSync(clip, path.join(gts, 'c.mp4'));
      assertUserError(specula('--pred', preds, '--gt', gts), /named-gt has no clip named "b" to compare .*b\.mp4 with/);
    });
    it('missing --pred', () => assertUserError(specula('--gt', clip), /--pred/));
  });
});
