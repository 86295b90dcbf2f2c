// Settings are checked when they are saved, not when a render starts hours later: the pack must
// be installed and offer the scale, tiles must fit the pack, windows and the trim must make sense.
import { DEFAULT_ENGINE_SETTINGS } from '../../src-shared/jobs/engine-settings.js';
import type { ClipSettings } from '../../src-shared/library/clip-settings.js';
import type { MediaInfo } from '../../src-shared/media/media-info.js';
import { UserError } from '../../src-shared/user-error.js';
import type { PackEntry } from '../packs/pack-catalog.js';
import { choosePack } from '../preview/prepare-preview.js';
import { renderJobFor } from '../queue/render-job-for.js';
import { checkEngineSettings, chooseScale } from '../render/prepare-render.js';

/** Throws a UserError that says what to change; `media` is null for library defaults. */
export async function checkClipSettings(settings: ClipSettings, media: MediaInfo | null, packs: PackEntry[]): Promise<void> {
  const pack = choosePack(packs, settings.pack);
  if (media) {
    if (settings.trimOut !== null && settings.trimOut > media.frames) {
      throw new UserError(`The out point (frame ${settings.trimOut}) is past the end of the clip, which has ${media.frames} frames; set it to ${media.frames} or less.`);
    }
    if (settings.trimIn >= (settings.trimOut ?? media.frames)) {
      throw new UserError(`The in point (frame ${settings.trimIn}) must come before the out point (frame ${settings.trimOut ?? media.frames}).`);
    }
    // Building the render job runs every other check the render itself would.
    renderJobFor(settings, media, pack, 'ffmpeg', '/');
    return;
  }
  chooseScale(pack, settings.scale ?? undefined);
  checkEngineSettings({ ...DEFAULT_ENGINE_SETTINGS, tile: settings.tile, overlap: settings.overlap }, pack);
  if (settings.overlapT >= settings.windowT) throw new UserError(`The temporal overlap (${settings.overlapT}) must be less than the window (${settings.windowT}).`);
}
