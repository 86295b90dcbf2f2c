// `specula eval` against an independent implementation: ffmpeg's psnr and ssim filters on the
// same pairs (real photos and clips, degraded by bicubic down/up-scaling and by the fast pack).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { makeClip } from '../helpers/clips.js';
import { BT709_TV_TO_RGB, ffmpegQuality, type FfmpegFrameQuality } from '../helpers/ffmpeg-quality.js';
import { PHOTO_NAMES, photoPath, runSpecula, tempDir } from '../helpers/project.js';

const PSNR_TOLERANCE_DB = 0.01;
const SSIM_TOLERANCE = 0.001;
const TAGS = ['-color_primaries', 'bt709', '-color_trc', 'bt709', '-colorspace', 'bt709', '-color_range', 'tv'];

interface Pair {
  label: string;
  pred: string;
  gt: string;
  /** The RGB conversion Specula's decoder applies to these files. */
  toRgb: string[];
}

interface RgbAndLuma {
  rgb: number;
  y: number;
}

interface EvalClip {
  frames: number;
  psnr: RgbAndLuma;
  ssim: RgbAndLuma;
  perFrame: { psnr: RgbAndLuma; ssim: RgbAndLuma }[];
}

let work: string;
const pairs: Pair[] = [];
const worst = { psnr: 0, ssim: 0 };

function ffmpeg(...args: string[]): void {
  execFileSync('ffmpeg', ['-v', 'error', '-y', ...args]);
}

before(() => {
  work = tempDir('specula-eval-ffmpeg-');
  // Photos: bicubic down x4 and back up to the exact size (odd sizes included).
  for (const name of PHOTO_NAMES) {
    const pred = path.join(work, `${name}-bicubic.png`);
    ffmpeg('-i', photoPath(name), '-vf', 'scale=iw/4:ih/4:flags=bicubic,scale=ref_w:ref_h:flags=bicubic'.replace('ref_w:ref_h', sizeOf(photoPath(name))), pred);
    pairs.push({ label: `${name} (bicubic x4)`, pred, gt: photoPath(name), toRgb: [] });
  }
  // A photo upscaled x2 by the fast pack from its bicubic half.
  const gt = path.join(work, 'chelsea-even.png');
  ffmpeg('-i', photoPath('chelsea'), '-vf', 'crop=450:300:0:0', gt);
  const lr = path.join(work, 'chelsea-half.png');
  ffmpeg('-i', gt, '-vf', 'scale=225:150:flags=bicubic', lr);
  const preview = runSpecula(['preview', lr, '--pack', 'fast', '--scale', '2', '--out', path.join(work, 'preview')]);
  assert.equal(preview.status, 0, preview.stderr);
  pairs.push({ label: 'chelsea (fast pack x2)', pred: path.join(work, 'preview', 'fused.png'), gt, toRgb: [] });

  // Clips: a pan over a real photo; bicubic down/up and re-encoded; and upscaled by the fast pack.
  const clip = makeClip(path.join(work, 'pan.mp4'), { width: 96, height: 64, frames: 12, audio: false });
  const bicubic = path.join(work, 'pan-bicubic.mp4');
  ffmpeg('-i', clip, '-vf', 'scale=48:32:flags=bicubic,scale=96:64:flags=bicubic', '-c:v', 'libx264', ...TAGS, bicubic);
  pairs.push({ label: 'pan clip (bicubic x2, H.264)', pred: bicubic, gt: clip, toRgb: [BT709_TV_TO_RGB] });
  const half = path.join(work, 'pan-half.mp4');
  ffmpeg('-i', clip, '-vf', 'scale=48:32:flags=bicubic', '-c:v', 'libx264', '-crf', '12', ...TAGS, half);
  const upscale = runSpecula(['upscale', half, '--pack', 'fast', '--scale', '2', '--preset', 'ultrafast', '--out', path.join(work, 'upscaled'), '--json']);
  assert.equal(upscale.status, 0, upscale.stderr);
  pairs.push({ label: 'pan clip (fast pack x2)', pred: path.join(work, 'upscaled', 'pan-half.mp4'), gt: clip, toRgb: [BT709_TV_TO_RGB] });
});

function sizeOf(file: string): string {
  return execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height', '-of', 'csv=p=0:s=x', file], { encoding: 'utf8' })
    .trim()
    .replace('x', ':');
}

function specula(pair: Pair, crop: number): EvalClip {
  const run = runSpecula(['eval', '--pred', pair.pred, '--gt', pair.gt, '--metrics', 'psnr,ssim', '--crop', String(crop), '--out', path.join(work, 'metrics'), '--json']);
  assert.equal(run.status, 0, run.stderr);
  const document = JSON.parse(run.stdout) as { clips: EvalClip[] };
  assert.equal(document.clips.length, 1);
  return document.clips[0]!;
}

function assertClose(what: string, ours: number, theirs: number, tolerance: number, key: 'psnr' | 'ssim'): void {
  assert.ok(Number.isFinite(ours) && Number.isFinite(theirs), `${what}: ${ours} vs ffmpeg ${theirs}`);
  const delta = Math.abs(ours - theirs);
  worst[key] = Math.max(worst[key], delta);
  assert.ok(delta <= tolerance, `${what}: specula ${ours}, ffmpeg ${theirs} (|Δ| ${delta})`);
}

function mean(values: number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

describe('specula eval agrees with ffmpeg', () => {
  for (const crop of [0, 3]) {
    it(`PSNR within ${PSNR_TOLERANCE_DB} dB and SSIM within ${SSIM_TOLERANCE}, RGB and Y, per frame and per clip (crop ${crop})`, () => {
      assert.ok(pairs.length >= 6);
      for (const pair of pairs) {
        const ours = specula(pair, crop);
        const theirs: FfmpegFrameQuality[] = ffmpegQuality(pair.pred, pair.gt, { toRgb: pair.toRgb, crop });
        assert.equal(ours.perFrame.length, theirs.length, `${pair.label}: frame count`);
        assert.equal(ours.frames, theirs.length);
        theirs.forEach((frame, n) => {
          const at = `${pair.label}, frame ${n}, crop ${crop}`;
          // Real degradations: neither identical nor unrelated, so the comparison has something to catch.
          assert.ok(frame.psnrRgb > 15 && frame.psnrRgb < 50 && frame.ssimRgb > 0.3 && frame.ssimRgb < 0.999, `${at}: ffmpeg says ${JSON.stringify(frame)}`);
          assertClose(`${at}: PSNR RGB`, ours.perFrame[n]!.psnr.rgb, frame.psnrRgb, PSNR_TOLERANCE_DB, 'psnr');
          assertClose(`${at}: PSNR Y`, ours.perFrame[n]!.psnr.y, frame.psnrY, PSNR_TOLERANCE_DB, 'psnr');
          assertClose(`${at}: SSIM RGB`, ours.perFrame[n]!.ssim.rgb, frame.ssimRgb, SSIM_TOLERANCE, 'ssim');
          assertClose(`${at}: SSIM Y`, ours.perFrame[n]!.ssim.y, frame.ssimY, SSIM_TOLERANCE, 'ssim');
        });
        // The clip's value is the mean over its frames.
        assertClose(`${pair.label}: clip PSNR RGB`, ours.psnr.rgb, mean(theirs.map((f) => f.psnrRgb)), PSNR_TOLERANCE_DB, 'psnr');
        assertClose(`${pair.label}: clip PSNR Y`, ours.psnr.y, mean(theirs.map((f) => f.psnrY)), PSNR_TOLERANCE_DB, 'psnr');
        assertClose(`${pair.label}: clip SSIM RGB`, ours.ssim.rgb, mean(theirs.map((f) => f.ssimRgb)), SSIM_TOLERANCE, 'ssim');
        assertClose(`${pair.label}: clip SSIM Y`, ours.ssim.y, mean(theirs.map((f) => f.ssimY)), SSIM_TOLERANCE, 'ssim');
        // RGB and Y are different measurements of the same pair.
        assert.notEqual(ours.psnr.rgb.toFixed(3), ours.psnr.y.toFixed(3));
      }
      console.log(`crop ${crop}: largest |Δ| against ffmpeg so far: PSNR ${worst.psnr.toExponential(2)} dB, SSIM ${worst.ssim.toExponential(2)}`);
    });
  }
});
