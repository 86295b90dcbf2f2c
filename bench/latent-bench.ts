// npm run bench:latent — where the time of one latent preview goes: the VAE encoder, the base
// step, each speculative draft step, the decodes and the fusion, for a generated pack of PS-SR's
// shape (flow matching, base at 699, drafts at 599, 499, 399) with FastVSR's f8 encoder and f16
// decoder, 320x180 -> 640x360 on CPU. The models are small convolutional stand-ins (128 features)
// for real checkpoints, so the figures show the host's share and the relative cost of each step,
// not a real model's speed. Each figure is the median of RUNS previews (this machine is shared and
// noisy). Prints; asserts nothing.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_ENGINE_SETTINGS } from '../src-shared/jobs/engine-settings.js';
import type { PreviewResult } from '../src-shared/jobs/preview-job.js';
import { PackManifestSchema } from '../src-shared/packs/pack-manifest.js';
import { runPreview } from '../src-worker/preview/run-preview.js';
import { writeLatentPack } from '../tools/latent-packs/write-latent-pack.js';
import { median } from './median.js';
import { makePreviewFrame } from './preview-bench.js';
import { FFMPEG as ffmpeg, ROOT as root } from './project-paths.js';

const RUNS = 5;

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'specula-latent-bench-'));
  try {
    await measure(work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function measure(work: string): Promise<void> {
  const framePath = makePreviewFrame(work);
  const packDir = writeLatentPack(path.join(work, 'packs'), {
    name: 'bench-latent',
    encoderFactor: 8,
    decoderFactor: 16,
    width: 128,
    scheduler: { type: 'flow_matching', shift: 3, timestep_base: 699, timestep_draft_list: [599, 499, 399] },
  });
  const manifest = PackManifestSchema.parse(JSON.parse(readFileSync(path.join(packDir, 'pack.json'), 'utf8')));
  const results: PreviewResult[] = [];
  for (let run = 0; run < RUNS; run++) {
    const result = await runPreview(
      {
        input: { path: framePath, kind: 'image', frame: 0, width: 320, height: 180 },
        pack: { dir: packDir, manifest },
        scale: 2,
        engine: DEFAULT_ENGINE_SETTINGS,
        fusion: manifest.variants[0]!.fusion,
        outDir: path.join(work, 'out'),
        ffmpeg,
      },
      { progress: () => undefined, notice: (m) => console.error(m) },
    );
    results.push(result);
  }
  const r = results[0]!;
  const of = (pick: (p: PreviewResult) => number): number => median(results.map(pick));
  const s = { encode: of((p) => p.latent!.stages.encode), base: of((p) => p.latent!.stages.base), drafts: r.latent!.stages.drafts.map((_, k) => of((p) => p.latent!.stages.drafts[k]!)), decode: of((p) => p.latent!.stages.decode) };
  const total = of((p) => p.timings.total);
  const stages: [string, number][] = [
    ['encode', s.encode],
    [`base (t ${r.latent!.timestep})`, s.base],
    ...s.drafts.map((ms, k): [string, number] => [`draft ${k + 1} (t ${r.latent!.draftTimesteps[k]})`, ms]),
    [`decode (${1 + s.drafts.length} branches)`, s.decode],
    ['fusion', of((p) => p.timings.fusion)],
  ];
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`latent preview 320x180 -> 640x360 x2 on ${r.device}, ${os.cpus().length} cores (${cpu}), median of ${RUNS}: ${r.tiles} tile(s) of ${r.tile}px (+${r.context})`);
  console.log('| stage | ms | share of the whole preview |');
  console.log('|---|---|---|');
  for (const [name, ms] of stages) console.log(`| ${name} | ${ms.toFixed(1)} | ${((100 * ms) / total).toFixed(1)}% |`);
  console.log(`| whole preview (decode, load, sampler, fusion, PNGs) | ${total.toFixed(1)} | 100% |`);
  const draftOverBase = s.drafts.map((ms) => (ms / s.base).toFixed(2)).join(', ');
  console.log(`each draft step / the base step: ${draftOverBase}; decode per branch: ${(s.decode / (1 + s.drafts.length)).toFixed(1)} ms`);
  const out = path.join(root, 'bench', 'results', 'latent.json');
  writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), cores: os.cpus().length, cpu, runs: RUNS, tiles: r.tiles, tile: r.tile, stages: Object.fromEntries(stages), totalMs: total }, null, 2)}\n`);
  console.log(`figures written to ${path.relative(root, out)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
