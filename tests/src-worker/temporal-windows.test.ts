import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { planWindows, windowWeight, windowsFrom } from '../../src-shared/tiles/window-plan.js';
import { createFrame, fromRgb24, type PlanarFrame } from '../../src-worker/frames/planar-frame.js';
import { TemporalBlender } from '../../src-worker/render/upscaled-frames.js';
import { makeClip, videoOf } from '../helpers/clips.js';
import { psnr, runSpecula, tempDir } from '../helpers/project.js';
import { TEMPORAL_PACK, writeTemporalPack } from '../helpers/temporal-pack.js';

function constantFrame(value: number): PlanarFrame {
  const f = createFrame(2, 2);
  f.data.fill(value);
  return f;
}

describe('temporal windows', () => {
  it('cover every frame, and the cross-fade weights of overlapping windows sum to one', () => {
    for (const [frames, t, overlap] of [[33, 33, 16], [100, 33, 16], [10, 5, 2], [7, 3, 1], [1, 33, 16]] as const) {
      const windows = planWindows(frames, t, overlap);
      for (let f = 0; f < frames; f++) {
        const covering = windows.filter((w) => f >= w.start && f < w.end);
        assert.ok(covering.length >= 1, `frame ${f} of ${frames} is in no window`);
        const sum = covering.reduce((s, w) => s + windowWeight(w, f), 0);
        assert.ok(Math.abs(sum - 1) < 1e-6, `frame ${f}: weights sum to ${sum}`);
      }
      assert.ok(windows.every((w) => w.end - w.start <= t));
    }
  });

  it('hands out each frame once, in order, blended across the overlap', () => {
    const windows = planWindows(10, 5, 2);
    const blender = new TemporalBlender();
    const seen: number[] = [];
    windows.forEach((w, k) => {
      // Window k outputs the value 100 * (k + 1) for every frame it covers.
      const outputs = Array.from({ length: w.end - w.start }, () => [constantFrame(100 * (k + 1))]);
      for (const done of blender.add(w, outputs, windows[k + 1]?.start ?? w.end)) {
        seen.push(done.index);
        const expected = windows.reduce((s, v, j) => s + (done.index >= v.start && done.index < v.end ? windowWeight(v, done.index) * 100 * (j + 1) : 0), 0);
        assert.ok(Math.abs(done.branches[0]!.data[0]! - expected) < 1e-3, `frame ${done.index}: ${done.branches[0]!.data[0]} vs ${expected}`);
      }
    });
    assert.deepEqual(seen, Array.from({ length: 10 }, (_, i) => i));
    assert.deepEqual(windowsFrom(windows, 4).map((w) => w.start), windows.filter((w) => w.end > 4).map((w) => w.start));
  });

  it('runs a multi-frame pack over a clip in windows, matching the windowed reference', () => {
    const dir = tempDir('specula-windows-');
    const packs = path.join(dir, 'packs');
    writeTemporalPack(packs);
    const clip = makeClip(path.join(dir, 'pan.mp4'), { width: 64, height: 36, frames: 12, fps: 12, audio: false });
    const out = path.join(dir, 'out');
    const run = runSpecula(['upscale', clip, '--out', out, '--packs', packs, '--pack', TEMPORAL_PACK, '--window-t', '5', '--overlap-t', '2', '--crf', '0', '--preset', 'ultrafast', '--json']);
    assert.equal(run.status, 0, run.stderr);
    const result = path.join(out, 'pan.mp4');
    const video = videoOf(result);
    assert.deepEqual([video.width, video.height, Number(video.nb_read_packets)], [128, 72, 12]);

    const decode = (file: string, w: number, h: number): PlanarFrame[] => {
      const raw = execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], { maxBuffer: 1 << 28 });
      return Array.from({ length: raw.length / (w * h * 3) }, (_, i) => fromRgb24(raw.subarray(i * w * h * 3, (i + 1) * w * h * 3), w, h));
    };
    const source = decode(clip, 64, 36);
    const upscaled = decode(result, 128, 72);
    const windows = planWindows(12, 5, 2);
    const nearestX2 = (f: PlanarFrame): Float32Array => {
      const o = new Float32Array(3 * 128 * 72);
      for (let c = 0; c < 3; c++) for (let y = 0; y < 72; y++) for (let x = 0; x < 128; x++) o[(c * 72 + y) * 128 + x] = f.data[(c * 36 + (y >> 1)) * 64 + (x >> 1)]!;
      return o;
    };
    let windowed = 0;
    let alone = 0;
    for (let f = 0; f < 12; f++) {
      const expected = createFrame(64, 36);
      for (const w of windows.filter((v) => f >= v.start && f < v.end)) {
        const weight = windowWeight(w, f);
        for (let p = 0; p < expected.data.length; p++) {
          let mean = 0;
          for (let g = w.start; g < w.end; g++) mean += source[g]!.data[p]!;
          expected.data[p]! += weight * (0.5 * source[f]!.data[p]! + (0.5 * mean) / (w.end - w.start));
        }
      }
      windowed += psnr(upscaled[f]!.data, nearestX2(expected)) / 12;
      alone += psnr(upscaled[f]!.data, nearestX2(source[f]!)) / 12;
    }
    assert.ok(windowed >= 35, `mean PSNR against the windowed reference: ${windowed.toFixed(2)} dB`);
    assert.ok(windowed > alone + 3, `windowed ${windowed.toFixed(2)} dB vs each frame on its own ${alone.toFixed(2)} dB`);
  });
});
