// One source frame as a JPEG, for the playhead: ffmpeg writes it straight to a file, so the
// pixels never pass through this process. Frames are picked by index, as the preview picks them:
// a constant-rate clip seeks to half a frame before the frame's time (ffmpeg then decodes from the
// keyframe before and drops every earlier frame), any other clip is decoded up to the frame.
import { spawn } from 'node:child_process';
import { frameRateValue, type MediaInfo } from '../../src-shared/media/media-info.js';

export function framePictureArgs(media: MediaInfo, frame: number, out: string): string[] {
  const fps = frameRateValue(media.avgFrameRate);
  const seek = !media.vfr && fps > 0 && frame > 0;
  const input = seek ? ['-ss', ((frame - 0.5) / fps).toFixed(6), '-i', media.path] : ['-i', media.path];
  const select = seek || media.kind === 'image' ? [] : ['-vf', `select=eq(n\\,${frame})`];
  return ['-hide_banner', '-nostdin', '-v', 'error', ...input, ...select, '-frames:v', '1', '-q:v', '2', '-y', out];
}

export function writeFramePicture(ffmpeg: string, media: MediaInfo, frame: number, out: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg, framePictureArgs(media, frame, out), { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err = (err + chunk.toString()).slice(-2000)));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(err.trim().split('\n').pop() || `ffmpeg exited with ${code}`))));
  });
}
