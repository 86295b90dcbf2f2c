import { Command } from 'commander';
import { draftCount } from '../../src-shared/packs/pack-variants.js';
import { discoverPacks } from '../packs/pack-catalog.js';
import { packFolders } from '../packs/pack-folders.js';
import { verifyPacks } from '../packs/verify-packs.js';
import { WorkerClient } from '../worker/worker-client.js';

export function packsCommand(): Command {
  return new Command('packs')
    .description('list model packs with their status; a broken pack says why')
    .option('--packs <dir>', 'folder of user packs (default: $SPECULA_PACKS or ~/.local/share/specula/packs)')
    .option('--json', 'print JSON')
    .action(async (options: { packs?: string; json?: boolean }) => {
      const worker = new WorkerClient();
      const packs = await verifyPacks(worker, await discoverPacks(packFolders(options.packs))).finally(() => worker.close());
      const rows = packs.map((p) => ({
        name: p.name,
        title: p.manifest?.title ?? null,
        origin: p.origin,
        dir: p.dir,
        scales: p.manifest?.variants.map((v) => v.scale) ?? [],
        kind: p.manifest?.kind ?? null,
        drafts: p.manifest ? Math.max(...p.manifest.variants.map(draftCount)) : 0,
        status: p.problem === null ? 'ok' : 'broken',
        reason: p.problem,
      }));
      if (options.json) {
        console.log(JSON.stringify(rows, null, 2));
        return;
      }
      for (const row of rows) {
        const what = row.status === 'ok' ? `${row.kind === 'latent' ? 'latent, ' : ''}${row.scales.map((s) => `x${s}`).join(' ')}, ${row.drafts} draft(s) — ${row.title}` : `BROKEN: ${row.reason}`;
        console.log(`${row.name.padEnd(12)} ${row.origin.padEnd(8)} ${what}`);
      }
    });
}
