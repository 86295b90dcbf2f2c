import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { decodeFrame } from '../../src-worker/frames/decode-frame.js';
import { fromRgb24 } from '../../src-worker/frames/planar-frame.js';
import { maxAbsDiff, PHOTO_NAMES, photoPath, tempDir } from '../helpers/project.js';

const ffmpeg = 'ffmpeg';

function ffmpegRgb(file: string, width: number, height: number): Float32Array {
  const rgb = execFileSync(ffmpeg, ['-v', 'error', '-i', file, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], { maxBuffer: 1 << 28 });
  return fromRgb24(rgb, width, height).data;
}

function size(file: string): { width: number; height: number } {
  const out = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height', '-of', 'csv=p=0', file], { encoding: 'utf8' });
  const [width, height] = out.trim().split(',').map(Number) as [number, number];
  return { width, height };
}

describe('decoding a still', () => {
  const dir = tempDir('specula-decode-');
  // The photos as they are (8-bit RGB), and one of them in every other layout a PNG may have:
  // grey, grey with alpha, a palette, RGBA, 1-bit, and 16-bit (which goes to ffmpeg).
  const cases: [string, string][] = PHOTO_NAMES.map((name) => [name, photoPath(name)]);
  for (const pixFmt of ['gray', 'ya8', 'pal8', 'rgba', 'monob', 'rgb48be', 'rgba64be']) {
    const file = path.join(dir, `chelsea-${pixFmt}.png`);
    execFileSync(ffmpeg, ['-v', 'error', '-i', photoPath('chelsea'), '-vf', `scale=97:61,format=${pixFmt}`, '-y', file]);
    cases.push([`chelsea as ${pixFmt}`, file]);
  }
  const jpeg = path.join(dir, 'coffee.jpg');
  execFileSync(ffmpeg, ['-v', 'error', '-i', photoPath('coffee'), '-y', jpeg]);
  cases.push(['coffee as JPEG', jpeg]);

  for (const [label, file] of cases) {
    it(`gives the same RGB as ffmpeg for ${label}`, async () => {
      const { width, height } = size(file);
      const frame = await decodeFrame(ffmpeg, { path: file, kind: 'image', frame: 0, width, height });
      assert.equal(maxAbsDiff(frame.data, ffmpegRgb(file, width, height)), 0);
    });
  }

  it('leaves a damaged PNG to ffmpeg, whose error says what is wrong', async () => {
    const file = path.join(dir, 'damaged.png');
    const bytes = execFileSync(ffmpeg, ['-v', 'error', '-i', photoPath('chelsea'), '-vf', 'scale=64:48', '-f', 'image2pipe', '-c:v', 'png', 'pipe:1']);
    writeFileSync(file, bytes.subarray(0, 200));
    await assert.rejects(decodeFrame(ffmpeg, { path: file, kind: 'image', frame: 0, width: 64, height: 48 }), (error: Error) => error.message.length > 0);
  });
});
