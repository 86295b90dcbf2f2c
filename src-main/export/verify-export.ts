// After an export is written, ffprobe reads it back and each promise is checked: every frame of
// the render, the render's size and frame rate, video and audio durations that match the source
// span, the source's audio and subtitles, and its colour tags.
import type { Verification } from '../../src-shared/api/library-records.js';
import type { FrameRange } from '../../src-shared/jobs/render-job.js';
import { frameRateValue, type MediaInfo } from '../../src-shared/media/media-info.js';
import { probeMedia } from '../media/probe-media.js';

export interface ExportExpectation {
  source: MediaInfo;
  range: FrameRange;
  width: number;
  height: number;
}

export async function verifyExport(ffprobe: string, file: string, expected: ExportExpectation): Promise<Verification> {
  const output = await probeMedia(ffprobe, file);
  const { source, range } = expected;
  const fps = frameRateValue(source.avgFrameRate);
  const frames = range.end - range.start;
  const span = frames / fps;
  const oneFrame = 1 / fps;
  const checks: Verification['checks'] = [];
  const check = (name: string, expectedText: string, actualText: string, ok: boolean): void => void checks.push({ name, expected: expectedText, actual: actualText, ok });
  const seconds = (s: number | null): string => (s === null ? 'none' : `${s.toFixed(3)} s`);

  check('frame count', String(frames), String(output.frames), output.frames === frames);
  check('size', `${expected.width}x${expected.height}`, `${output.width}x${output.height}`, output.width === expected.width && output.height === expected.height);
  check('frame rate', source.avgFrameRate, output.avgFrameRate, Math.abs(frameRateValue(output.avgFrameRate) - fps) < 1e-3 * fps);
  check('video duration', seconds(span), seconds(output.duration), Math.abs(output.duration - span) <= oneFrame);
  if (range.start === 0 && range.end === source.frames && !source.vfr) {
    check('duration against the source', seconds(source.duration), seconds(output.duration), Math.abs(output.duration - source.duration) <= oneFrame);
  }
  check('audio streams', String(source.audio.length), String(output.audio.length), output.audio.length === source.audio.length);
  output.audio.forEach((audio, k) => {
    // The source's audio may end before its video; then the export's ends there too.
    const sourceAudio = source.audio[k]?.duration ?? null;
    const wanted = sourceAudio === null ? span : Math.min(span, Math.max(0, sourceAudio - range.start / fps));
    check(`audio ${k + 1} duration`, `${seconds(wanted)} (within one frame)`, seconds(audio.duration), audio.duration !== null && Math.abs(audio.duration - wanted) <= oneFrame);
  });
  const textSubtitles = source.subtitles.filter((s) => !['dvd_subtitle', 'hdmv_pgs_subtitle', 'dvb_subtitle'].includes(s.codec)).length;
  check('subtitle streams', String(textSubtitles), String(output.subtitles.length), output.subtitles.length === textSubtitles);
  for (const tag of ['primaries', 'transfer', 'matrix', 'range'] as const) {
    const wanted = source.colour[tag];
    // An untagged source is tagged with what was assumed when reading it; only a tagged one must match.
    if (wanted !== null) check(`colour ${tag}`, wanted, output.colour[tag] ?? 'none', output.colour[tag] === wanted);
  }
  return { ok: checks.every((c) => c.ok), checks };
}
