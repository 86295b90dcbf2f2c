// Latent packs run on the same spatial tiles as pixel packs: with tiles on the latent grid and
// context covering the whole sampler's reach, tiled equals untiled (each tile draws the noise of
// its place in the frame, and the decoded tiles are cross-faded in pixel space).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LatentRunner } from '../../../src-worker/latent/latent-runner.js';
import { openLatentSessions, type LatentSessions } from '../../../src-worker/latent/latent-sessions.js';
import type { TileSettings } from '../../../src-worker/inference/tiled-upscale.js';
import { writeLatentPack } from '../../../tools/latent-packs/write-latent-pack.js';
import { readLatentManifest } from '../../helpers/latent-reference.js';
import { ASYMMETRIC_PACK } from '../../helpers/latent-packs.js';
import { crop, maxAbsDiff, photoPath, readPng, tempDir } from '../../helpers/project.js';

/**
 * In latent pixels the base reaches 3, each of the three draft steps 2 more, the decoder about 1.25:
 * 10.25 latent pixels, 82 input pixels through the f8 encoder.
 */
const CONTEXT = 96;

describe('latent tiles', () => {
  let sessions: LatentSessions;
  let dir: string;
  before(async () => {
    dir = writeLatentPack(tempDir('specula-latent-tiles-'), ASYMMETRIC_PACK);
    sessions = await openLatentSessions(dir, readLatentManifest(dir).variants[0]!, { device: 'cpu', threads: 1 }, () => undefined);
  });
  after(() => sessions.release());

  const run = async (tiles: TileSettings) => {
    const runner = new LatentRunner(readLatentManifest(dir).variants[0]!, 'NCHW', sessions, tiles);
    await runner.startClip(null, { timestep: null, seed: null });
    const frame = crop(readPng(photoPath('astronaut')), 200, 60, 96, 64);
    return { branches: await runner.upscaleFrame(frame, 0), tiles: runner.tiles };
  };

  it('tiled equals untiled when tiles sit on the latent grid and context covers the reach', async (t) => {
    const whole = await run({ tile: 512, overlap: 0, context: CONTEXT, multiple: 8 });
    // Cores start at 0, 24, 48 across and 0, 16 down: all on the f8 grid.
    const tiled = await run({ tile: 48, overlap: 16, context: CONTEXT, multiple: 8 });
    assert.deepEqual([whole.tiles, tiled.tiles], [1, 6]);
    const diffs = whole.branches.map((b, k) => maxAbsDiff(tiled.branches[k]!.data, b.data));
    t.diagnostic(`tiled vs untiled, per branch (0-255): ${diffs.map((d) => d.toExponential(2)).join(', ')}`);
    for (const d of diffs) assert.ok(d < 1e-3, `max difference ${d}`);
    // Control: without context the tiles see different surroundings and seams appear.
    const seams = await run({ tile: 48, overlap: 16, context: 0, multiple: 8 });
    assert.ok(maxAbsDiff(seams.branches[0]!.data, whole.branches[0]!.data) > 1, 'zero context should leave seams');
  });
});
