// Asks ffprobe what a file is: an image or a video, its display size (rotation applied, as
// ffmpeg's decoder applies it), and its exact frame count. Every way a user's file can be wrong
// becomes one UserError sentence.
import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { frameRateValue, type MediaInfo } from '../../src-shared/media/media-info.js';
import { UserError } from '../../src-shared/user-error.js';

const execFileAsync = promisify(execFile);

export type { MediaInfo };

interface ProbeStream {
  index: number;
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  nb_frames?: string;
  nb_read_packets?: string;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  duration?: string;
  pix_fmt?: string;
  bits_per_raw_sample?: string;
  color_primaries?: string;
  color_transfer?: string;
  color_space?: string;
  color_range?: string;
  tags?: { rotate?: string };
  side_data_list?: { rotation?: number }[];
}

export async function probeMedia(ffprobe: string, file: string): Promise<MediaInfo> {
  const info = await stat(file).catch(() => null);
  if (!info) throw new UserError(`${file} does not exist; check the path.`);
  if (info.isDirectory()) throw new UserError(`${file} is a folder; give an image or video file.`);
  if (info.size === 0) throw new UserError(`${file} is empty (0 bytes); it may not have finished copying.`);
  let json: { format?: { format_name?: string; duration?: string }; streams?: ProbeStream[] };
  try {
    const { stdout } = await execFileAsync(ffprobe, ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', '-count_packets', file], {
      maxBuffer: 16 * 2 ** 20,
    });
    json = JSON.parse(stdout);
  } catch {
    throw new UserError(`${file} is not an image or video that ffmpeg can read; it may be damaged or in another format.`);
  }
  const videoStreams = json.streams?.filter((s) => s.codec_type === 'video') ?? [];
  if (videoStreams.length === 0) throw new UserError(`${file} has no video stream; give an image or a video.`);
  // ffprobe guesses from the extension: a stream it cannot decode shows up with no size.
  const video = videoStreams.find((s) => s.width && s.height);
  if (!video) throw new UserError(`${file} is not an image or video that ffmpeg can read; it may be damaged or in another format.`);
  const formatName = json.format?.format_name ?? '';
  // Any text file probes as a 'tty' (ANSI art) video; no user means that.
  if (formatName === 'tty') throw new UserError(`${file} is not an image or video that ffmpeg can read; it may be damaged or in another format.`);
  const kind = /(^|,)(image2|[a-z0-9]+_pipe)(,|$)/.test(formatName) ? 'image' : 'video';
  const frames = kind === 'image' ? 1 : Number(video.nb_read_packets ?? video.nb_frames ?? 0);
  if (!(frames > 0)) throw new UserError(`${file} has a video stream with no frames in it.`);
  // ffprobe reports the display matrix's rotation counter-clockwise (negative for clockwise).
  const rawRotation = Number(video.side_data_list?.find((d) => d.rotation !== undefined)?.rotation ?? -Number(video.tags?.rotate ?? 0));
  const rotation = (((-Math.round(rawRotation) % 360) + 360) % 360) as number;
  const [width, height] = rotation % 180 === 90 ? [video.height!, video.width!] : [video.width!, video.height!];
  const avgFrameRate = video.avg_frame_rate && frameRateValue(video.avg_frame_rate) > 0 ? video.avg_frame_rate : (video.r_frame_rate ?? '25/1');
  const realFrameRate = video.r_frame_rate ?? avgFrameRate;
  const duration = kind === 'image' ? 0 : Number(video.duration ?? json.format?.duration ?? frames / frameRateValue(avgFrameRate));
  const unset = (v: string | undefined): string | null => (!v || v === 'unknown' || v === 'unspecified' ? null : v);
  return {
    path: file,
    kind,
    width,
    height,
    rotation,
    frames,
    avgFrameRate,
    realFrameRate,
    vfr: kind === 'video' && Math.abs(frameRateValue(avgFrameRate) - frameRateValue(realFrameRate)) > 1e-3 * frameRateValue(realFrameRate),
    duration: Number.isFinite(duration) ? duration : 0,
    pixelFormat: video.pix_fmt ?? 'unknown',
    bitDepth: bitDepthOf(video),
    colour: { primaries: unset(video.color_primaries), transfer: unset(video.color_transfer), matrix: unset(video.color_space), range: unset(video.color_range) },
    audio: (json.streams ?? []).filter((s) => s.codec_type === 'audio').map((s) => ({ index: s.index, codec: s.codec_name ?? 'unknown', duration: s.duration ? Number(s.duration) : null })),
    subtitles: (json.streams ?? []).filter((s) => s.codec_type === 'subtitle').map((s) => ({ index: s.index, codec: s.codec_name ?? 'unknown' })),
  };
}

/** Bits per component: bits_per_raw_sample when given, else read from the pixel format's name. */
function bitDepthOf(video: ProbeStream): number {
  const raw = Number(video.bits_per_raw_sample);
  if (raw > 0) return raw;
  const match = /(?:p|le|be)?(9|10|12|14|16)(?:le|be)?$/.exec(video.pix_fmt ?? '');
  return match ? Number(match[1]) : 8;
}
