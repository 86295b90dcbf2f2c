// Export from the library, checked with ffprobe directly (not through Specula's own verification):
// the MP4 has the source's frame count, its audio and subtitles, and its colour tags; a trim
// exports just those frames with the audio cut to match; nothing is overwritten unasked.
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { fraction, makeClip, probeStreams } from '../helpers/clips.js';
import { runSpecula, tempDir } from '../helpers/project.js';

describe('specula export', () => {
  let dir: string;
  let library: string;
  before(() => {
    dir = tempDir('specula-export-');
    mkdirSync(path.join(dir, 'clips'));
    makeClip(path.join(dir, 'clips', 'walk.mkv'), { frames: 24, fps: 12, subtitles: true });
    makeClip(path.join(dir, 'clips', 'run.mp4'), { frames: 24, fps: 12 });
    library = path.join(dir, 'library.specula');
    assert.equal(runSpecula(['library', 'add', '--library', library, path.join(dir, 'clips')]).status, 0);
    assert.equal(runSpecula(['library', 'set', '--library', library, '--defaults', 'pack=fast', 'scale=2', 'preset=ultrafast']).status, 0);
    // run.mp4 (id 1, added in name order) is trimmed to frames 6-18.
    assert.equal(runSpecula(['library', 'set', '--library', library, '1', 'trimIn=6', 'trimOut=18']).status, 0);
    const rendered = runSpecula(['render', '--library', library, '--all']);
    assert.equal(rendered.status, 0, rendered.stderr);
  });

  it("writes an MP4 with the source's frame count, audio, subtitles and colour tags, and stores the verification", () => {
    const run = runSpecula(['export', '--library', library, '2', '--out', path.join(dir, 'out')]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /walk\.mp4 \(video copied\); verified: frame count/);
    const source = probeStreams(path.join(dir, 'clips', 'walk.mkv'));
    const output = probeStreams(path.join(dir, 'out', 'walk.mp4'));
    const video = output.find((s) => s.codec_type === 'video')!;
    const sourceVideo = source.find((s) => s.codec_type === 'video')!;
    assert.equal(Number(video.nb_read_packets), Number(sourceVideo.nb_read_packets));
    assert.deepEqual([video.width, video.height], [128, 72]);
    assert.equal(fraction(video.avg_frame_rate), fraction(sourceVideo.avg_frame_rate));
    for (const tag of ['color_space', 'color_primaries', 'color_transfer', 'color_range'] as const) assert.equal(video[tag], sourceVideo[tag], tag);
    const audio = output.find((s) => s.codec_type === 'audio');
    assert.ok(audio, 'the export has no audio');
    assert.ok(Math.abs(Number(audio.duration) - Number(video.duration)) <= 1 / 12, `audio ${audio.duration} s vs video ${video.duration} s`);
    assert.equal(output.find((s) => s.codec_type === 'subtitle')?.codec_name, 'mov_text');
    const status = JSON.parse(runSpecula(['status', '--library', library, '--json']).stdout) as { exports: { target: string; status: string; verification: { ok: boolean } }[] };
    assert.deepEqual(status.exports.map((e) => [path.basename(e.target), e.status, e.verification.ok]), [['walk.mp4', 'done', true]]);
  });

  it('exports a trimmed clip as just its frames, with the audio cut to match', () => {
    const run = runSpecula(['export', '--library', library, '1', '--out', path.join(dir, 'out')]);
    assert.equal(run.status, 0, run.stderr);
    const output = probeStreams(path.join(dir, 'out', 'run.mp4'));
    const video = output.find((s) => s.codec_type === 'video')!;
    const audio = output.find((s) => s.codec_type === 'audio')!;
    assert.equal(Number(video.nb_read_packets), 12);
    assert.ok(Math.abs(Number(video.duration) - 1) <= 1 / 12, `video ${video.duration} s`);
    assert.ok(Math.abs(Number(audio.duration) - Number(video.duration)) <= 1 / 12, `audio ${audio.duration} s vs video ${video.duration} s`);
  });

  it('never overwrites unless told to, and re-encodes when other codec settings are asked for', () => {
    const target = path.join(dir, 'out', 'walk.mp4');
    const first = statSync(target).mtimeMs;
    const refused = runSpecula(['export', '--library', library, '2', '--out', path.join(dir, 'out'), '--codec', 'h265']);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /walk\.mp4 already exists; choose another name, or allow overwriting it/);
    assert.equal(statSync(target).mtimeMs, first);
    const replaced = runSpecula(['export', '--library', library, '2', '--out', path.join(dir, 'out'), '--codec', 'h265', '--crf', '30', '--overwrite']);
    assert.equal(replaced.status, 0, replaced.stderr);
    assert.match(replaced.stdout, /\(re-encoded h265 crf 30\); verified/);
    const video = probeStreams(target).find((s) => s.codec_type === 'video')!;
    assert.deepEqual([video.codec_name, Number(video.nb_read_packets)], ['hevc', 24]);
  });

  it('renders a clip again when its finished segments were deleted from disk', () => {
    const status = JSON.parse(runSpecula(['status', '--library', library, '--json']).stdout) as { renders: { id: number; clipId: number }[] };
    const walk = status.renders.find((r) => r.clipId === 2)!;
    rmSync(path.join(dir, 'library-renders', `render-${walk.id}`), { recursive: true });
    const failed = runSpecula(['export', '--library', library, '2', '--out', path.join(dir, 'out'), '--overwrite']);
    assert.equal(failed.status, 1);
    assert.match(failed.stderr, /segment .* is missing; render the clip again before exporting/);
    const rendered = runSpecula(['render', '--library', library, '2', '--json']);
    assert.equal(rendered.status, 0, rendered.stderr);
    assert.ok(rendered.stdout.includes('"event":"start"'), 'the clip was rendered again');
    assert.equal(runSpecula(['export', '--library', library, '2', '--out', path.join(dir, 'out'), '--overwrite']).status, 0);
  });

  it('says which clips have nothing to export yet', () => {
    const added = path.join(dir, 'late.mp4');
    makeClip(added, { frames: 6 });
    assert.equal(runSpecula(['library', 'add', '--library', library, added]).status, 0);
    const run = runSpecula(['export', '--library', library, '3', '--out', path.join(dir, 'out')]);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /late\.mp4: no finished render yet; run `specula render` first/);
  });
});
