// Pulls one frame out of an image or video as 8-bit RGB, and the same frame upscaled by ffmpeg's
// bicubic scaler for comparison. Frame selection is by decoded frame index, so it is exact
// whatever the timestamps are.
import { runFfmpeg, type RunOptions } from '../ffmpeg/run-ffmpeg.js';
import { fromRgb24, type PlanarFrame } from './planar-frame.js';

export interface FrameSource {
  path: string;
  kind: 'image' | 'video';
  frame: number;
  width: number;
  height: number;
}

function selectFilter(source: FrameSource): string[] {
  return source.kind === 'video' ? [`select=eq(n\\,${source.frame})`] : [];
}

export async function decodeFrame(ffmpeg: string, source: FrameSource): Promise<PlanarFrame> {
  const filters = selectFilter(source);
  const rgb = await runFfmpeg(ffmpeg, [
    '-i', source.path,
    ...(filters.length ? ['-vf', filters.join(',')] : []),
    '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1',
  ]);
  const expected = source.width * source.height * 3;
  if (rgb.length !== expected) {
    throw new Error(`decoding frame ${source.frame} of ${source.path} gave ${rgb.length} bytes, expected ${expected} (${source.width}x${source.height})`);
  }
  return fromRgb24(rgb, source.width, source.height);
}

export async function writeBicubicPng(ffmpeg: string, source: FrameSource, scale: number, outPath: string, options: RunOptions = {}): Promise<void> {
  const filters = [...selectFilter(source), `scale=${source.width * scale}:${source.height * scale}:flags=bicubic`];
  await runFfmpeg(ffmpeg, ['-i', source.path, '-vf', filters.join(','), '-frames:v', '1', '-pix_fmt', 'rgb24', '-y', outPath], options);
}
