// Latent packs through the real CLI, ffmpeg and onnxruntime: the f8-encoder/f16-decoder pack
// (x2) in `specula preview` and `specula upscale`, DRS and --timestep, and the recurrent video pack.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import type { PreviewResult } from '../../src-shared/jobs/preview-job.js';
import { SchedulerSchema } from '../../src-shared/packs/pack-manifest.js';
import { degradationTimestep } from '../../src-shared/sampler/noise-schedule.js';
import { writeLatentPack } from '../../tools/latent-packs/write-latent-pack.js';
import { makeClip, videoOf } from '../helpers/clips.js';
import { ASYMMETRIC_PACK, RECURRENT_PACK } from '../helpers/latent-packs.js';
import { assertUserError, maxAbsDiff, photoPath, readPng, runSpecula, tempDir } from '../helpers/project.js';

let work: string;
let packs: string;
let photo: string;

before(() => {
  work = tempDir('specula-latent-cli-');
  packs = path.join(work, 'packs');
  writeLatentPack(packs, ASYMMETRIC_PACK);
  writeLatentPack(packs, RECURRENT_PACK);
  photo = path.join(work, 'photo.png');
  // 90x60 is no multiple of the encoder's 8: tiles are reflect-padded onto the latent grid.
  execFileSync('ffmpeg', ['-v', 'error', '-i', photoPath('chelsea'), '-vf', 'crop=90:60:170:110', photo]);
});


describe('specula preview with a latent pack', () => {
  const pack = ['--packs', () => packs, '--pack', ASYMMETRIC_PACK.name] as const;
  const args = (): string[] => pack.map((a) => (typeof a === 'function' ? a() : a));

  it('runs the f8 encoder and f16 decoder to twice the size, every branch, fused', () => {
    const out = path.join(work, 'preview');
    const run = runSpecula(['preview', photo, ...args(), '--out', out]);
    assert.equal(run.status, 0, run.stderr);
    const images = ['lr', 'base', 'draft-1', 'draft-2', 'draft-3', 'fused'].map((n) => readPng(path.join(out, `${n}.png`)));
    for (const image of images) assert.deepEqual([image.width, image.height], [180, 120]);
    const [, base, , , last, fused] = images;
    assert.ok(maxAbsDiff(fused!.data, base!.data) > 1, 'the fusion takes detail from the draft');
    assert.ok(maxAbsDiff(fused!.data, last!.data) > 1, 'the fusion keeps the base');

    const info = JSON.parse(readFileSync(path.join(out, 'preview.json'), 'utf8')) as PreviewResult;
    // The test estimator's d is the photo's mean brightness; the start timestep follows from it.
    const lr = readPng(photo);
    const d = lr.data.reduce((s, v) => s + v, 0) / lr.data.length / 255;
    const scheduler = SchedulerSchema.parse(ASYMMETRIC_PACK.scheduler);
    assert.ok(Math.abs(info.latent!.degradation! - d) < 1e-4, `estimate ${info.latent!.degradation} vs ${d}`);
    assert.equal(info.latent!.timestep, degradationTimestep(scheduler, d));
    const stages = info.latent!.stages;
    assert.equal(stages.drafts.length, 3);
    for (const ms of [stages.estimate, stages.encode, stages.base, ...stages.drafts, stages.decode]) assert.ok(ms > 0);
  });

  it('takes --timestep and --seed for the clip', () => {
    const out = path.join(work, 'preview-override');
    const run = runSpecula(['preview', photo, ...args(), '--timestep', '300', '--seed', '9', '--json', '--out', out]);
    assert.equal(run.status, 0, run.stderr);
    const info = JSON.parse(run.stdout) as PreviewResult;
    assert.deepEqual([info.latent!.timestep, info.latent!.degradation, info.latent!.seed], [300, null, 9]);
    assert.deepEqual(info.latent!.draftTimesteps, [257, 214, 171]);
  });

  it('rejects a start timestep the pack does not have, in one line', () => {
    assertUserError(runSpecula(['preview', photo, ...args(), '--timestep', '1000', '--out', work]), /The start timestep 1000 is out of range: the pack "latent-f8-f16" takes timesteps 0 to 999\./);
  });

  it('rejects --timestep for a pixel pack, in one line', () => {
    assertUserError(runSpecula(['preview', photo, '--pack', 'fast', '--timestep', '5', '--out', work]), /--timestep applies to latent packs only, and "fast" is a pixel pack\./);
  });
});

describe('specula upscale with latent packs', () => {
  it('upscales a clip x2 through the f8/f16 pack, every frame', () => {
    const clip = makeClip(path.join(work, 'pan.mp4'), { width: 40, height: 24, frames: 6, fps: 6, audio: false });
    const out = path.join(work, 'upscaled');
    const run = runSpecula(['upscale', clip, '--packs', packs, '--pack', ASYMMETRIC_PACK.name, '--preset', 'ultrafast', '--json', '--out', out]);
    assert.equal(run.status, 0, run.stderr);
    const video = videoOf(path.join(out, 'pan.mp4'));
    assert.deepEqual([video.width, video.height, Number(video.nb_read_packets)], [80, 48, 6]);
    const notices = run.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { event: string; message?: string }).filter((e) => e.event === 'notice');
    assert.equal(notices.length, 1, run.stdout);
    assert.match(notices[0]!.message!, /^degradation estimate 0\.\d{3}: sampling from timestep \d+ \(draft steps \d+, \d+, \d+\)$/);
  });

  it('upscales a clip through the recurrent video pack in 4-frame windows', () => {
    const clip = makeClip(path.join(work, 'walk.mp4'), { width: 24, height: 16, frames: 9, fps: 9, audio: false });
    const out = path.join(work, 'recurrent');
    const run = runSpecula(['upscale', clip, '--packs', packs, '--pack', RECURRENT_PACK.name, '--window-t', '4', '--overlap-t', '1', '--preset', 'ultrafast', '--json', '--out', out]);
    assert.equal(run.status, 0, run.stderr);
    const video = videoOf(path.join(out, 'walk.mp4'));
    assert.deepEqual([video.width, video.height, Number(video.nb_read_packets)], [48, 32, 9]);
  });
});
