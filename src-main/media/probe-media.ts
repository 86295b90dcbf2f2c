// Asks ffprobe what a file is: an image or a video, its display size (rotation applied, as
// ffmpeg's decoder applies it), and its exact frame count. Every way a user's file can be wrong
// becomes one UserError sentence.
import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { UserError } from '../../src-shared/user-error.js';

const execFileAsync = promisify(execFile);

export interface MediaInfo {
  path: string;
  kind: 'image' | 'video';
  width: number;
  height: number;
  frames: number;
}

interface ProbeStream {
  codec_type?: string;
  width?: number;
  height?: number;
  nb_frames?: string;
  nb_read_packets?: string;
  tags?: { rotate?: string };
  side_data_list?: { rotation?: number }[];
}

export async function probeMedia(ffprobe: string, file: string): Promise<MediaInfo> {
  const info = await stat(file).catch(() => null);
  if (!info) throw new UserError(`${file} does not exist; check the path.`);
  if (info.isDirectory()) throw new UserError(`${file} is a folder; give an image or video file.`);
  if (info.size === 0) throw new UserError(`${file} is empty (0 bytes); it may not have finished copying.`);
  let json: { format?: { format_name?: string }; streams?: ProbeStream[] };
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
  const kind = /(^|,)(image2|[a-z0-9]+_pipe)(,|$)/.test(formatName) ? 'image' : 'video';
  const frames = kind === 'image' ? 1 : Number(video.nb_read_packets ?? video.nb_frames ?? 0);
  if (!(frames > 0)) throw new UserError(`${file} has a video stream with no frames in it.`);
  const rotation = Math.abs(Number(video.side_data_list?.find((d) => d.rotation !== undefined)?.rotation ?? video.tags?.rotate ?? 0)) % 180;
  const [width, height] = rotation === 90 ? [video.height!, video.width!] : [video.width!, video.height!];
  return { path: file, kind, width, height, frames };
}
