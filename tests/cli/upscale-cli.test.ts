import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { fraction, makeClip, probeStreams, videoOf } from '../helpers/clips.js';
import { ROOT, runSpecula, tempDir } from '../helpers/project.js';

/** The fast pack at x2 keeps these tests quick on two cores; the pipeline is the same for every pack. */
const FAST = ['--pack', 'fast', '--scale', '2', '--preset', 'ultrafast'];

function events(stdout: string): Record<string, unknown>[] {
  return stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
}

function upscale(inputs: string[], out: string, extra: string[] = []): { status: number | null; events: Record<string, unknown>[]; stderr: string } {
  const run = runSpecula(['upscale', ...inputs, '--out', out, ...FAST, '--json', ...extra]);
  return { status: run.status, events: events(run.stdout), stderr: run.stderr };
}

describe('specula upscale', () => {
  let dir: string;
  before(() => {
    dir = tempDir('specula-upscale-');
  });

  it('keeps every frame, the frame rate, the audio, the colour tags and the subtitles', () => {
    const clip = makeClip(path.join(dir, 'walk.mkv'), { frames: 24, fps: 12, subtitles: true });
    const out = path.join(dir, 'out-walk');
    // Five segments, the last one short: the join must not lose or repeat a frame.
    const run = upscale([clip], out, ['--segment-frames', '5']);
    assert.equal(run.status, 0, run.stderr);
    const result = path.join(out, 'walk.mp4');
    const streams = probeStreams(result);
    const video = streams.find((s) => s.codec_type === 'video')!;
    const source = videoOf(clip);
    assert.equal(Number(video.nb_read_packets), 24);
    assert.deepEqual([video.width, video.height], [128, 72]);
    assert.equal(fraction(video.avg_frame_rate), 12);
    const audio = streams.find((s) => s.codec_type === 'audio');
    assert.ok(audio, 'the output has no audio');
    assert.ok(Math.abs(Number(audio.duration) - Number(video.duration)) <= 1 / 12, `audio ${audio.duration} s vs video ${video.duration} s`);
    for (const tag of ['color_space', 'color_primaries', 'color_transfer', 'color_range'] as const) assert.equal(video[tag], source[tag], tag);
    assert.equal(streams.find((s) => s.codec_type === 'subtitle')?.codec_name, 'mov_text');
    assert.equal(existsSync(path.join(out, '.specula-work')), false, 'the segments were not cleaned up');
  });

  it('gives a 10-bit H.265 output for a 10-bit source with --codec h265', () => {
    const clip = makeClip(path.join(dir, 'deep.mkv'), { tenBit: true, frames: 6 });
    const out = path.join(dir, 'out-deep');
    const run = upscale([clip], out, ['--codec', 'h265']);
    assert.equal(run.status, 0, run.stderr);
    const video = videoOf(path.join(out, 'deep.mp4'));
    assert.equal(video.codec_name, 'hevc');
    assert.equal(video.pix_fmt, 'yuv420p10le');
    assert.equal(Number(video.nb_read_packets), 6);
  });

  it('turns a rotated clip upright and upscales the picture as it is shown', () => {
    const clip = makeClip(path.join(dir, 'phone.mp4'), { rotate: 90, frames: 6 });
    assert.deepEqual([videoOf(clip).width, videoOf(clip).height], [64, 36], 'stored sideways');
    const out = path.join(dir, 'out-phone');
    const run = upscale([clip], out);
    assert.equal(run.status, 0, run.stderr);
    const video = videoOf(path.join(out, 'phone.mp4'));
    assert.deepEqual([video.width, video.height], [72, 128]);
    assert.equal(video.side_data_list?.some((d) => d.rotation), undefined, 'the output should carry no rotation of its own');
  });

  it('handles odd dimensions and a one-frame clip', () => {
    const odd = makeClip(path.join(dir, 'odd.mp4'), { width: 63, height: 35, frames: 5, pixelFormat: 'yuv444p' });
    const single = makeClip(path.join(dir, 'single.mp4'), { frames: 1, audio: false });
    const out = path.join(dir, 'out-small');
    const run = upscale([odd, single], out);
    assert.equal(run.status, 0, run.stderr);
    const oddOut = videoOf(path.join(out, 'odd.mp4'));
    assert.deepEqual([oddOut.width, oddOut.height, Number(oddOut.nb_read_packets)], [126, 70, 5]);
    assert.equal(Number(videoOf(path.join(out, 'single.mp4')).nb_read_packets), 1);
  });

  it('writes a variable-frame-rate clip at its average rate with every frame kept', () => {
    // Frames 6 onwards arrive a quarter of a second late: a gap, as a phone's recorder makes.
    const clip = makeClip(path.join(dir, 'vfr.mp4'), { frames: 12, fps: 12, audio: false, filters: ["setpts='N/(12*TB)+gte(N\\,6)*0.25/TB'"], output: ['-fps_mode', 'vfr'] });
    const source = videoOf(clip);
    assert.notEqual(fraction(source.avg_frame_rate), fraction(source.r_frame_rate), 'the test clip should be VFR');
    const out = path.join(dir, 'out-vfr');
    const run = upscale([clip], out);
    assert.equal(run.status, 0, run.stderr);
    const video = videoOf(path.join(out, 'vfr.mp4'));
    assert.equal(Number(video.nb_read_packets), 12);
    // Constant frame rate at the source's average: the nominal rate is the source's average, and
    // the measured one matches it (within the MP4 timebase's rounding of the last frame).
    assert.equal(fraction(video.r_frame_rate), fraction(source.avg_frame_rate));
    assert.ok(Math.abs(fraction(video.avg_frame_rate) / fraction(source.avg_frame_rate) - 1) < 0.005, `${video.avg_frame_rate} vs ${source.avg_frame_rate}`);
    assert.ok(Math.abs(Number(video.duration) - Number(source.duration)) <= 1 / fraction(source.avg_frame_rate), `${video.duration} s vs ${source.duration} s`);
  });

  it('gives each bad clip one line and finishes the rest of the batch', () => {
    const folder = path.join(dir, 'batch');
    mkdirSync(folder);
    makeClip(path.join(folder, 'good.mp4'), { frames: 4 });
    writeFileSync(path.join(folder, 'empty.mp4'), '');
    writeFileSync(path.join(folder, 'corrupt.mp4'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    writeFileSync(path.join(folder, 'notes.txt'), 'not a video\n');
    execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'sine=duration=0.5', '-c:a', 'aac', path.join(folder, 'voice.m4a')]);
    const out = path.join(dir, 'out-batch');
    const run = runSpecula(['upscale', folder, '--out', out, ...FAST]);
    assert.equal(run.status, 1, 'some clips failed, so the exit code is 1');
    const lines = run.stderr.trim().split('\n');
    for (const [name, says] of [
      ['empty.mp4', /empty \(0 bytes\)/],
      ['corrupt.mp4', /not an image or video that ffmpeg can read/],
      ['notes.txt', /not an image or video that ffmpeg can read/],
      ['voice.m4a', /no video stream/],
    ] as const) {
      const mine = lines.filter((l) => l.includes(name));
      assert.equal(mine.length, 1, `${name}: ${JSON.stringify(mine)}`);
      assert.match(mine[0]!, says);
    }
    assert.equal(Number(videoOf(path.join(out, 'good.mp4')).nb_read_packets), 4);
    assert.match(run.stdout, /1 done, 0 skipped, 4 failed/);
    assert.deepEqual(readdirSync(out).sort(), ['good.mp4']);
  });

  it('says once per batch that CUDA cannot be used, and renders every clip on CPU', () => {
    // The models open once for the batch (ahead of the first clip, kept for the second), so the
    // fallback is heard once, on the first clip, and not once per clip.
    const first = makeClip(path.join(dir, 'cuda-a.mp4'), { frames: 3 });
    const second = makeClip(path.join(dir, 'cuda-b.mp4'), { frames: 5 });
    const { status, events: all } = upscale([first, second], path.join(dir, 'out-cuda'), ['--device', 'cuda']);
    assert.equal(status, 0);
    const notices = all.filter((e) => e['event'] === 'notice');
    assert.equal(notices.length, 1, JSON.stringify(notices));
    assert.equal(notices[0]!['clip'], first);
    assert.match(String(notices[0]!['message']), /CUDA could not be used .* so Specula is running on CPU; to add the CUDA provider run: npm rebuild onnxruntime-node/);
    const done = all.filter((e) => e['event'] === 'done');
    assert.deepEqual(done.map((e) => [e['frames'], e['device']]), [[3, 'cpu'], [5, 'cpu']]);
    for (const [name, frames] of [['cuda-a.mp4', 3], ['cuda-b.mp4', 5]] as const) {
      assert.equal(Number(videoOf(path.join(dir, 'out-cuda', name)).nb_read_packets), frames);
    }
  });

  it('skips clips whose output exists with --skip-existing', () => {
    const clip = makeClip(path.join(dir, 'again.mp4'), { frames: 3 });
    const out = path.join(dir, 'out-again');
    assert.equal(upscale([clip], out).status, 0);
    const rerun = upscale([clip], out, ['--skip-existing']);
    assert.equal(rerun.status, 0);
    assert.deepEqual(rerun.events.map((e) => e['event']), ['skipped', 'summary']);
  });

  it('stops the batch with one line, and no partial file, when the reader of its output goes away', async () => {
    // `specula upscale … --json | head -1`: the reader takes one line and exits.
    const clip = makeClip(path.join(dir, 'piped.mp4'), { frames: 48 });
    const out = path.join(dir, 'out-piped');
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'specula.js'), 'upscale', clip, '--out', out, ...FAST, '--json'], { cwd: ROOT });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const [first] = (await once(child.stdout, 'data')) as [Buffer];
    assert.equal(JSON.parse(first.toString().split('\n')[0]!)['event'], 'start');
    child.stdout.destroy();
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 1, stderr);
    assert.match(stderr.trim(), /^Specula stopped the batch because its output was closed; finished segments are kept/);
    assert.equal(stderr.trim().split('\n').length, 1, stderr);
    assert.equal(existsSync(path.join(out, 'piped.mp4')), false, 'a partial output was left');
  });

  it('answers bad options with one line and exit code 2', () => {
    const run = runSpecula(['upscale', dir, '--out', path.join(dir, 'x'), '--crf', '99']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--crf.*expected a whole number from 0 to 51/);
  });
});
