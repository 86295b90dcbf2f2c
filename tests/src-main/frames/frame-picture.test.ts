// The playhead's picture is exactly the frame the preview upscales: frame N by index, whether the
// clip is seeked (constant rate) or decoded up to the frame (irregular timestamps).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { framePictureArgs } from '../../../src-main/frames/frame-picture.js';
import { probeMedia } from '../../../src-main/media/probe-media.js';
import { makeClip } from '../../helpers/clips.js';
import { tempDir } from '../../helpers/project.js';

/** framePictureArgs' decode with raw pixels in place of the JPEG, so the comparison is exact. */
function rawFrame(args: string[]): Buffer {
  return execFileSync('ffmpeg', [...args.slice(0, args.indexOf('-q:v')), '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], { maxBuffer: 1 << 26 });
}

function byIndex(file: string, frame: number): Buffer {
  return execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-vf', `select=eq(n\\,${frame})`, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], { maxBuffer: 1 << 26 });
}

describe('a source frame for the playhead', () => {
  it('is the frame with that index, in constant-rate and irregular clips', async () => {
    const dir = tempDir('specula-frames-');
    const steady = makeClip(path.join(dir, 'steady.mp4'), { frames: 24, fps: 12, audio: false });
    const irregular = makeClip(path.join(dir, 'vfr.mp4'), { frames: 12, fps: 12, audio: false, filters: ["setpts='N/(12*TB)+gte(N\\,6)*0.25/TB'"], output: ['-fps_mode', 'vfr'] });
    for (const file of [steady, irregular]) {
      const media = await probeMedia('ffprobe', file);
      for (const frame of [0, 1, 6, 7, media.frames - 1]) {
        assert.ok(rawFrame(framePictureArgs(media, frame, 'out.jpg')).equals(byIndex(file, frame)), `${path.basename(file)} frame ${frame}`);
      }
      assert.equal(framePictureArgs(media, 5, 'x.jpg').includes('-ss'), !media.vfr, 'seeks only where timestamps are regular');
    }
  });
});
