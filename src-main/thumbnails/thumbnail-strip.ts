// A clip's thumbnail strip: a few pictures spread evenly over the clip, side by side in one JPEG,
// made by one ffmpeg run that seeks to each picture instead of decoding the whole clip.
import { spawn } from 'node:child_process';
import { frameRateValue, type MediaInfo } from '../../src-shared/media/media-info.js';

export const STRIP_PICTURES = 8;
/** Picture height in pixels; widths follow the clip's shape. */
export const STRIP_HEIGHT = 72;

/** Frame index of each picture: the middle of each of `count` equal stretches of the clip. */
export function stripFrames(frames: number, count = STRIP_PICTURES): number[] {
  const n = Math.min(count, frames);
  return Array.from({ length: n }, (_, k) => Math.min(frames - 1, Math.floor(((k + 0.5) * frames) / n)));
}

export function stripArgs(media: MediaInfo, frames: number[]): string[] {
  const fps = frameRateValue(media.avgFrameRate) || 25;
  const inputs = frames.flatMap((f) => ['-ss', (f / fps).toFixed(6), '-i', media.path]);
  const scaled = frames.map((_, k) => `[${k}:v:0]scale=-2:${STRIP_HEIGHT},setsar=1,format=yuvj420p[p${k}]`);
  const joined = frames.length > 1 ? `${frames.map((_, k) => `[p${k}]`).join('')}hstack=inputs=${frames.length}[strip]` : '[p0]null[strip]';
  return ['-hide_banner', '-nostdin', '-v', 'error', ...inputs, '-filter_complex', [...scaled, joined].join(';'), '-map', '[strip]', '-frames:v', '1', '-q:v', '5', '-f', 'image2pipe', '-c:v', 'mjpeg', 'pipe:1'];
}

export function makeStrip(ffmpeg: string, media: MediaInfo): Promise<{ image: Buffer; frames: number[] }> {
  const frames = stripFrames(media.frames);
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg, stripArgs(media, frames), { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (err = (err + chunk.toString()).slice(-2000)));
    child.on('error', reject);
    child.on('close', (code) => {
      const image = Buffer.concat(out);
      if (code === 0 && image.length > 0) resolve({ image, frames });
      else reject(new Error(err.trim().split('\n').pop() || `ffmpeg exited with ${code}`));
    });
  });
}
