// `specula export --library FILE (--all | ID…) --out DIR`: each clip's finished render becomes
// DIR/<clip name>.mp4 with the source's audio, subtitles and colour tags, then is read back and
// verified. Existing files are left alone unless --overwrite.
import path from 'node:path';
import { Command, Option } from 'commander';
import { ApiError } from '../../src-shared/api/api-error.js';
import type { ExportRecord } from '../../src-shared/api/library-records.js';
import { CODECS, PRESETS } from '../../src-shared/jobs/render-job.js';
import { addLibraryOptions, chosenClips, openSession, printJson, type LibraryOptions } from './library-session.js';
import { integer } from './option-parsers.js';

interface ExportOptions extends LibraryOptions {
  all?: boolean;
  out: string;
  codec?: (typeof CODECS)[number];
  crf?: number;
  preset?: (typeof PRESETS)[number];
  overwrite?: boolean;
}

export function exportCommand(onExitCode: (code: number) => void): Command {
  return addLibraryOptions(
    new Command('export')
      .description("write each clip's finished render to --out as <clip name>.mp4, then verify it against the source")
      .argument('[ids...]', 'clip ids, as `specula library list` shows them')
      .option('--all', 'every clip with a finished render')
      .requiredOption('--out <dir>', 'folder for the MP4s (made if missing)')
      .addOption(new Option('--codec <c>', "video codec (default: the render's; then the video is copied, not re-encoded)").choices(CODECS))
      .option('--crf <n>', "quality for a re-encode (default: the render's)", integer(0, 51))
      .addOption(new Option('--preset <p>', "encoder preset for a re-encode (default: the render's)").choices(PRESETS))
      .option('--overwrite', 'replace files that already exist')
      .option('--json', 'print the exports as JSON'),
  ).action(async (ids: string[], options: ExportOptions) => {
    onExitCode(await exportClips(ids, options));
  });
}

async function exportClips(ids: string[], options: ExportOptions): Promise<number> {
  const { services, api } = await openSession(options);
  try {
    const clipIds = await chosenClips(api, ids, options.all);
    services.startWork();
    const results: ExportRecord[] = [];
    const problems: string[] = [];
    for (const clipId of clipIds) {
      const clip = await api.getClip({ id: clipId });
      const render = (await api.listRenders({ clipId, status: ['done'] })).pop();
      if (!render) {
        if (!options.all) problems.push(`${clip.name}: no finished render yet; run \`specula render\` first.`);
        continue;
      }
      const target = path.resolve(options.out, `${path.parse(clip.name).name}.mp4`);
      try {
        const started = await api.startExport({ renderId: render.id, target, codec: options.codec, crf: options.crf, preset: options.preset, overwrite: options.overwrite ?? false });
        results.push(await services.exports.finished(started.id));
      } catch (error) {
        if (!(error instanceof ApiError) || error.code === 'internal') throw error;
        problems.push(`${clip.name}: ${error.message}`);
      }
    }
    if (options.json) printJson(results);
    else {
      for (const e of results) {
        if (e.status === 'failed') console.error(`${e.target}: export failed: ${e.error}`);
        else {
          const failed = e.verification!.checks.filter((c) => !c.ok);
          console.log(`wrote ${e.target} (${e.mode === 'copy' ? 'video copied' : `re-encoded ${e.codec} crf ${e.crf}`}); ${failed.length === 0 ? `verified: ${e.verification!.checks.map((c) => c.name).join(', ')}` : `VERIFICATION FAILED: ${failed.map((c) => `${c.name} expected ${c.expected}, found ${c.actual}`).join('; ')}`}`);
        }
      }
    }
    for (const problem of problems) console.error(problem);
    const bad = results.filter((e) => e.status !== 'done' || !e.verification?.ok).length + problems.length;
    return bad > 0 ? 1 : 0;
  } finally {
    await services.close();
  }
}
