// Joins the segments (stream copy, no re-encode) with the source's audio and subtitles into one
// MP4, under a temporary name that is renamed into place only when ffmpeg succeeded.
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EncodeSettings } from '../../src-shared/jobs/render-job.js';
import type { MediaInfo } from '../../src-shared/media/media-info.js';
import { runFfmpeg } from '../ffmpeg/run-ffmpeg.js';
import { trackTimescale } from './segment-encoder.js';

/** Audio codecs an MP4 holds as they are; anything else is re-encoded to AAC. */
const MP4_AUDIO = new Set(['aac', 'mp3', 'ac3', 'eac3', 'alac', 'opus', 'flac']);
/** Text subtitles become mov_text; bitmap ones (DVD, PGS) cannot live in MP4 and are left out. */
const TEXT_SUBTITLES = new Set(['subrip', 'srt', 'ass', 'ssa', 'mov_text', 'webvtt', 'text']);

export function temporaryOutput(outPath: string): string {
  return path.join(path.dirname(outPath), `.${path.basename(outPath)}.partial.mp4`);
}

export function muxArgs(listFile: string, input: MediaInfo, encode: EncodeSettings, target: string): { args: string[]; dropped: string[] } {
  const subtitles = input.subtitles.filter((s) => TEXT_SUBTITLES.has(s.codec));
  const dropped = input.subtitles.filter((s) => !TEXT_SUBTITLES.has(s.codec)).map((s) => `subtitle stream ${s.index} (${s.codec})`);
  const args = ['-f', 'concat', '-safe', '0', '-i', listFile, '-i', input.path, '-map', '0:v:0'];
  for (const a of input.audio) args.push('-map', `1:${a.index}`);
  for (const s of subtitles) args.push('-map', `1:${s.index}`);
  args.push('-c:v', 'copy', '-video_track_timescale', trackTimescale(input.avgFrameRate), ...(encode.codec === 'h265' ? ['-tag:v', 'hvc1'] : []));
  input.audio.forEach((a, k) => args.push(`-c:a:${k}`, MP4_AUDIO.has(a.codec) ? 'copy' : 'aac'));
  if (subtitles.length) args.push('-c:s', 'mov_text');
  args.push('-map_metadata', '1', '-map_chapters', '-1', '-movflags', '+faststart', '-f', 'mp4', '-y', target);
  return { args, dropped };
}

export async function muxSegments(ffmpeg: string, segmentFiles: string[], input: MediaInfo, encode: EncodeSettings, outPath: string, workDir: string, notice: (message: string) => void): Promise<void> {
  const listFile = path.join(workDir, 'concat.txt');
  await writeFile(listFile, segmentFiles.map((f) => `file '${f.replaceAll("'", "'\\''")}'`).join('\n') + '\n');
  const temp = temporaryOutput(outPath);
  const { args, dropped } = muxArgs(listFile, input, encode, temp);
  if (dropped.length) notice(`${path.basename(input.path)}: ${dropped.join(', ')} left out: MP4 holds only text subtitles.`);
  try {
    await runFfmpeg(ffmpeg, args);
    await rename(temp, outPath);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
