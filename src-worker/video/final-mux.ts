// Joins the segments with the source's audio and subtitles into one MP4, under a temporary name
// that is renamed into place only when ffmpeg succeeded. The video is stream-copied when the
// segments are already encoded as wanted, else re-encoded once from them.
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EncodeSettings, FrameRange } from '../../src-shared/jobs/render-job.js';
import { frameRateValue, type MediaInfo } from '../../src-shared/media/media-info.js';
import { runFfmpeg } from '../ffmpeg/run-ffmpeg.js';
import { colourTagArgs, outputColour } from './colour.js';
import { encodesTenBit, trackTimescale, videoCodecArgs } from './segment-encoder.js';

/** Audio codecs an MP4 holds as they are; anything else is re-encoded to AAC. */
const MP4_AUDIO = new Set(['aac', 'mp3', 'ac3', 'eac3', 'alac', 'opus', 'flac']);
/** Text subtitles become mov_text; bitmap ones (DVD, PGS) cannot live in MP4 and are left out. */
const TEXT_SUBTITLES = new Set(['subrip', 'srt', 'ass', 'ssa', 'mov_text', 'webvtt', 'text']);

export interface MuxPlan {
  input: MediaInfo;
  /** The frames the segments hold; the audio and subtitles are cut to the same span. */
  range: FrameRange;
  /** copy: the segments already are what is wanted; encode: re-encode them with these settings. */
  video: { mode: 'copy' | 'encode'; encode: EncodeSettings };
}

export function temporaryOutput(outPath: string): string {
  return path.join(path.dirname(outPath), `.${path.basename(outPath)}.partial.mp4`);
}

/** Seconds of the source a frame range spans (constant rate: VFR sources are rendered at their average rate). */
export function rangeSeconds(input: MediaInfo, range: FrameRange): { start: number; duration: number } {
  const fps = frameRateValue(input.avgFrameRate);
  return { start: range.start / fps, duration: (range.end - range.start) / fps };
}

export function muxArgs(listFile: string, plan: MuxPlan, target: string): { args: string[]; dropped: string[] } {
  const { input, range, video } = plan;
  const subtitles = input.subtitles.filter((s) => TEXT_SUBTITLES.has(s.codec));
  const dropped = input.subtitles.filter((s) => !TEXT_SUBTITLES.has(s.codec)).map((s) => `subtitle stream ${s.index} (${s.codec})`);
  const whole = range.start === 0 && range.end >= input.frames;
  const span = rangeSeconds(input, range);
  const cut = whole ? [] : ['-ss', span.start.toFixed(6), '-t', span.duration.toFixed(6)];
  const args = ['-f', 'concat', '-safe', '0', '-i', listFile, ...cut, '-i', input.path, '-map', '0:v:0'];
  for (const a of input.audio) args.push('-map', `1:${a.index}`);
  for (const s of subtitles) args.push('-map', `1:${s.index}`);
  if (video.mode === 'copy') {
    args.push('-c:v', 'copy');
  } else {
    const tenBit = encodesTenBit({ input, encode: video.encode });
    args.push('-pix_fmt', tenBit ? 'yuv420p10le' : 'yuv420p', ...videoCodecArgs(video.encode, null), ...colourTagArgs(outputColour(input)));
  }
  args.push('-video_track_timescale', trackTimescale(input.avgFrameRate), ...(video.encode.codec === 'h265' ? ['-tag:v', 'hvc1'] : []));
  input.audio.forEach((a, k) => args.push(`-c:a:${k}`, MP4_AUDIO.has(a.codec) ? 'copy' : 'aac'));
  if (subtitles.length) args.push('-c:s', 'mov_text');
  args.push('-map_metadata', '1', '-map_chapters', '-1', '-movflags', '+faststart', '-f', 'mp4', '-y', target);
  return { args, dropped };
}

export async function muxSegments(ffmpeg: string, segmentFiles: string[], plan: MuxPlan, outPath: string, workDir: string, notice: (message: string) => void): Promise<void> {
  const listFile = path.join(workDir, `concat.${process.pid}.txt`);
  await writeFile(listFile, segmentFiles.map((f) => `file '${f.replaceAll("'", "'\\''")}'`).join('\n') + '\n');
  const temp = temporaryOutput(outPath);
  const { args, dropped } = muxArgs(listFile, plan, temp);
  if (dropped.length) notice(`${path.basename(plan.input.path)}: ${dropped.join(', ')} left out: MP4 holds only text subtitles.`);
  try {
    await runFfmpeg(ffmpeg, args);
    await rename(temp, outPath);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  } finally {
    await rm(listFile, { force: true });
  }
}
