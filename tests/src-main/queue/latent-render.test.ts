// A latent pack through the library: a clip's sampler settings (start timestep, seed) reach the
// render and are checked against the pack when saved; a library-wide seed does not trouble clips
// that use a pixel pack.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ApiError } from '../../../src-shared/api/api-error.js';
import { writeLatentPack } from '../../../tools/latent-packs/write-latent-pack.js';
import { makeClip, videoOf } from '../../helpers/clips.js';
import { ASYMMETRIC_PACK } from '../../helpers/latent-packs.js';
import { FAST_DEFAULTS, openTestLibrary, settled } from '../../helpers/library.js';
import { tempDir } from '../../helpers/project.js';

describe('latent packs in the library', () => {
  it("renders a clip with its own start timestep and seed, and refuses a timestep the pack does not have", async () => {
    const dir = tempDir('specula-latent-library-');
    writeLatentPack(path.join(dir, 'user-packs'), ASYMMETRIC_PACK);
    for (const name of ['latent.mp4', 'pixel.mp4']) makeClip(path.join(dir, name), { width: 48, height: 32, frames: 4, fps: 4 });
    const library = await openTestLibrary(dir);
    try {
      const { added } = await library.api.addClips({ paths: [path.join(dir, 'latent.mp4'), path.join(dir, 'pixel.mp4')] });
      const [latent, pixel] = added.map((c) => c.id);
      await library.api.setDefaults({ patch: { ...FAST_DEFAULTS, seed: 11 } });
      const clip = await library.api.setClipSettings({ clipId: latent!, patch: { pack: ASYMMETRIC_PACK.name, scale: null, timestep: 500, seed: 3 } });
      assert.deepEqual([clip.effective.pack, clip.effective.timestep, clip.effective.seed], [ASYMMETRIC_PACK.name, 500, 3]);
      await assert.rejects(library.api.setClipSettings({ clipId: latent!, patch: { timestep: 5000 } }), (e: unknown) => e instanceof ApiError && e.code === 'user-error' && /start timestep 5000 is out of range/.test(e.message));
      library.services.startWork();
      const renders = await library.api.queueRenders({ clipIds: [latent!, pixel!] });
      const done = await settled(library.api, renders.map((r) => r.id));
      assert.deepEqual(done.map((r) => r.status), ['done', 'done'], JSON.stringify(done.map((r) => r.error)));
      assert.deepEqual([done[0]!.width, done[0]!.height], [96, 64], 'the f8 encoder and f16 decoder make x2');
      const target = path.join(dir, 'out', 'latent.mp4');
      const exported = await library.api.startExport({ renderId: done[0]!.id, target });
      await library.services.exports.finished(exported.id);
      const video = videoOf(target);
      assert.deepEqual([video.width, video.height, Number(video.nb_read_packets)], [96, 64, 4]);
    } finally {
      await library.close();
    }
  });
});
