// Test clips made from the fixture photos with ffmpeg: camera motion over a real photo, a tone
// for audio, and whatever the test needs (rotation, 10-bit, odd sizes, irregular timestamps).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { photoPath } from './project.js';

export interface ClipOptions {
  width?: number;
  height?: number;
  frames?: number;
  fps?: number;
  audio?: boolean;
  subtitles?: boolean;
  tenBit?: boolean;
  /** Source pixel format (odd sizes need one without chroma subsampling, such as yuv444p). */
  pixelFormat?: string;
  /** Display rotation written into the container (degrees clockwise). */
  rotate?: number;
  /** Extra video filters before encoding (e.g. irregular timestamps). */
  filters?: string[];
  /** Extra output options. */
  output?: string[];
}

export function makeClip(file: string, options: ClipOptions = {}): string {
  const { width = 64, height = 36, frames = 12, fps = 12, audio = true, subtitles = false, tenBit = false, rotate = 0 } = options;
  const seconds = frames / fps;
  const pan = `crop=240:135:'20+t*60':'40+t*10',scale=${width}:${height},format=${options.pixelFormat ?? (tenBit ? 'yuv420p10le' : 'yuv420p')}`;
  const args = ['-v', 'error', '-y', '-loop', '1', '-framerate', String(fps), '-i', photoPath('chelsea')];
  if (audio) args.push('-f', 'lavfi', '-i', `sine=frequency=330:sample_rate=48000:duration=${seconds}`);
  if (subtitles) {
    args.push('-f', 'srt', '-i', path.join(path.dirname(file), 'subs.srt'));
  }
  args.push('-filter_complex', `[0:v]${[pan, ...(options.filters ?? [])].join(',')}[v]`, '-map', '[v]');
  if (audio) args.push('-map', '1:a');
  if (subtitles) args.push('-map', `${audio ? 2 : 1}:s`);
  // -t, not -frames:v: the latter ends the file before the audio is written.
  args.push(...(options.filters ? ['-frames:v', String(frames)] : ['-t', String(seconds)]));
  args.push(...(tenBit ? ['-c:v', 'libx265', '-x265-params', 'log-level=error'] : ['-c:v', 'libx264']));
  args.push('-color_primaries', 'bt709', '-color_trc', 'bt709', '-colorspace', 'bt709', '-color_range', 'tv');
  if (audio) args.push('-c:a', 'aac');
  if (subtitles) args.push('-c:s', 'srt');
  const encoded = rotate ? `${file}.unrotated${path.extname(file)}` : file;
  args.push(...(options.output ?? []), encoded);
  if (subtitles) {
    execFileSync('sh', ['-c', `printf '1\\n00:00:00,000 --> 00:00:00,500\\nHello\\n' > '${path.join(path.dirname(file), 'subs.srt')}'`]);
  }
  execFileSync('ffmpeg', args);
  // ffmpeg 5.1 writes a display matrix only when the rotate tag is set on a stream copy.
  if (rotate) execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', encoded, '-map', '0', '-c', 'copy', '-metadata:s:v:0', `rotate=${rotate}`, file]);
  return file;
}

export interface StreamInfo {
  codec_type: string;
  codec_name: string;
  width?: number;
  height?: number;
  pix_fmt?: string;
  r_frame_rate?: string;
  avg_frame_rate?: string;
  duration?: string;
  nb_read_packets?: string;
  color_space?: string;
  color_primaries?: string;
  color_transfer?: string;
  color_range?: string;
  side_data_list?: { rotation?: number }[];
}

export function probeStreams(file: string): StreamInfo[] {
  const out = execFileSync('ffprobe', ['-v', 'error', '-count_packets', '-show_streams', '-of', 'json', file], { encoding: 'utf8' });
  return (JSON.parse(out) as { streams: StreamInfo[] }).streams;
}

export function videoOf(file: string): StreamInfo {
  return probeStreams(file).find((s) => s.codec_type === 'video')!;
}

export function fraction(value: string | undefined): number {
  const [n, d] = (value ?? '0/1').split('/').map(Number);
  return n! / (d || 1);
}
