// `specula status`: the queue and every render, as the library records them.
import { Command } from 'commander';
import { addLibraryOptions, printJson, withSession, type LibraryOptions } from './library-session.js';

export function statusCommand(): Command {
  return addLibraryOptions(new Command('status').description('show the render queue and each render').option('--json', 'print JSON')).action(async (options: LibraryOptions) => {
    await withSession(options, async ({ api }) => {
      const [queue, renders, exportsDone] = await Promise.all([api.getQueue(), api.listRenders(), api.listExports()]);
      if (options.json) return printJson({ queue, renders, exports: exportsDone });
      const counts = Object.entries(queue.counts).filter(([, n]) => n > 0).map(([status, n]) => `${n} ${status}`).join(', ');
      console.log(`queue ${queue.paused ? 'paused' : 'running'}; ${counts || 'no renders'}; ${queue.framesDone} of ${queue.framesTotal} frames done in unfinished renders`);
      for (const r of renders) {
        const detail = r.error ? `: ${r.error}` : '';
        console.log(`render ${String(r.id).padStart(4)}  clip ${String(r.clipId).padStart(4)} ${r.clipName.padEnd(24)} ${r.status.padEnd(9)} ${r.progress.done}/${r.progress.total} frames, ${r.segments} segment(s)${detail}`);
      }
      for (const e of exportsDone) console.log(`export ${String(e.id).padStart(4)}  render ${e.renderId} -> ${e.target}  ${e.status}${e.verification ? (e.verification.ok ? ', verified' : ', verification FAILED') : ''}${e.error ? `: ${e.error}` : ''}`);
    });
  });
}
