// `specula library add` and `specula library list`: bring clips in, and see what is there.
import path from 'node:path';
import { Command, Option } from 'commander';
import { CLIP_SORTS } from '../../src-shared/api/contract.js';
import { ClipStatusSchema, type ClipSummary } from '../../src-shared/api/library-records.js';
import { CLIP_SETTING_KEYS, type ClipOverrides, type ClipSettingKey } from '../../src-shared/library/clip-settings.js';
import { UserError } from '../../src-shared/user-error.js';
import { addLibraryOptions, chosenClips, printJson, withSession, type LibraryOptions } from './library-session.js';

export function libraryCommand(): Command {
  return new Command('library')
    .description('the project library: clips, their settings, renders and exports')
    .addCommand(addCommand())
    .addCommand(listCommand())
    .addCommand(setCommand())
    .addCommand(resetCommand());
}

function addCommand(): Command {
  return addLibraryOptions(
    new Command('add')
      .description('add video files, or the videos in folders, to the library (probed; thumbnails made before it returns)')
      .argument('<paths...>', 'files or folders')
      .option('-r, --recursive', 'look in subfolders too')
      .option('--json', 'print the result as JSON'),
  ).action(async (paths: string[], options: LibraryOptions & { recursive?: boolean }) => {
    await withSession(options, async ({ api, services }) => {
      const result = await api.addClips({ paths: paths.map((p) => path.resolve(p)), recursive: options.recursive ?? false });
      await services.thumbnails.idle();
      if (options.json) return printJson(result);
      for (const clip of result.added) console.log(`added ${clip.id}: ${clip.name} (${clip.width}x${clip.height}, ${clip.frames} frames)`);
      for (const skipped of result.skipped) console.log(`already in the library as ${skipped.clipId}: ${skipped.path}`);
      for (const failed of result.failed) console.error(`not added: ${failed.reason}`);
      console.log(`${result.added.length} added, ${result.skipped.length} already there, ${result.failed.length} not added`);
    });
  });
}

function listCommand(): Command {
  return addLibraryOptions(
    new Command('list')
      .description('list the clips with their status')
      .option('--search <text>', 'only clips whose name contains this')
      .addOption(new Option('--status <status...>', 'only clips in these states').choices(ClipStatusSchema.options))
      .addOption(new Option('--sort <key>', 'order by').choices(CLIP_SORTS).default('name'))
      .option('--desc', 'reverse the order')
      .option('--json', 'print JSON'),
  ).action(async (options: LibraryOptions & { search?: string; status?: ClipSummary['status'][]; sort: (typeof CLIP_SORTS)[number]; desc?: boolean }) => {
    await withSession(options, async ({ api }) => {
      const { total, clips } = await api.listClips({ search: options.search ?? '', status: options.status, sort: options.sort, descending: options.desc ?? false, limit: 10_000 });
      if (options.json) return printJson({ total, clips });
      for (const clip of clips) {
        const overrides = clip.overridden.length ? `  overrides: ${clip.overridden.join(', ')}` : '';
        console.log(`${String(clip.id).padStart(5)}  ${clip.name.padEnd(28)} ${`${clip.width}x${clip.height}`.padEnd(10)} ${`${clip.duration.toFixed(2)} s`.padStart(9)}  ${clip.status.padEnd(9)}${overrides}`);
      }
      console.log(`${total} clip(s)`);
    });
  });
}

function setCommand(): Command {
  return addLibraryOptions(
    new Command('set')
      .description(`change settings: the library's defaults (--defaults) or clips' own (by id, or --all); keys: ${CLIP_SETTING_KEYS.join(', ')}`)
      .argument('<ids-and-settings...>', 'clip ids, then key=value pairs (null for "the pack\'s own value")')
      .option('--defaults', "change the library's defaults instead of clips")
      .option('--all', 'every clip')
      .option('--json', 'print the resulting settings as JSON'),
  ).action(async (words: string[], options: LibraryOptions & { defaults?: boolean; all?: boolean }) => {
    const ids = words.filter((w) => !w.includes('='));
    const patch = parseSettings(words.filter((w) => w.includes('=')));
    await withSession(options, async ({ api }) => {
      if (options.defaults) {
        if (ids.length || options.all) throw new UserError('--defaults changes the library defaults; leave out clip ids and --all.');
        const defaults = await api.setDefaults({ patch });
        return options.json ? printJson(defaults) : console.log(formatSettings(defaults));
      }
      for (const id of await chosenClips(api, ids, options.all)) {
        const clip = await api.setClipSettings({ clipId: id, patch });
        if (options.json) printJson({ id, overrides: clip.overrides, effective: clip.effective });
        else console.log(`${id} ${clip.name}: ${formatSettings(clip.overrides)}`);
      }
    });
  });
}

function resetCommand(): Command {
  return addLibraryOptions(
    new Command('reset')
      .description("drop clips' own settings so they follow the library defaults again (all of them, or the keys given)")
      .argument('<ids-and-keys...>', 'clip ids, then setting keys (none: every key)')
      .option('--all', 'every clip'),
  ).action(async (words: string[], options: LibraryOptions & { all?: boolean }) => {
    const ids = words.filter((w) => /^\d+$/.test(w));
    const keys = words.filter((w) => !/^\d+$/.test(w)).map(settingKey);
    await withSession(options, async ({ api }) => {
      for (const id of await chosenClips(api, ids, options.all)) {
        const clip = await api.resetClipSettings({ clipId: id, keys: keys.length ? keys : undefined });
        console.log(`${id} ${clip.name}: ${Object.keys(clip.overrides).length ? formatSettings(clip.overrides) : 'follows the library defaults'}`);
      }
    });
  });
}

function settingKey(key: string): ClipSettingKey {
  if (!(CLIP_SETTING_KEYS as string[]).includes(key)) throw new UserError(`"${key}" is not a setting; the settings are ${CLIP_SETTING_KEYS.join(', ')}.`);
  return key as ClipSettingKey;
}

/** key=value words: numbers as numbers, null as null, anything else as text (the API checks each). */
function parseSettings(pairs: string[]): ClipOverrides {
  if (pairs.length === 0) throw new UserError('Give at least one key=value setting, for example pack=fast.');
  const patch: Record<string, unknown> = {};
  for (const pair of pairs) {
    const [key, ...rest] = pair.split('=');
    const value = rest.join('=');
    patch[settingKey(key!)] = value === 'null' ? null : value !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
  }
  return patch as ClipOverrides;
}

function formatSettings(settings: object): string {
  return Object.entries(settings).map(([k, v]) => `${k}=${v === null ? 'null' : String(v)}`).join(' ') || '(none)';
}
