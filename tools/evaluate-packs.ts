// Measures, on the fixture photos, how each candidate base, the GAN draft and their fusion compare
// with ffmpeg's bicubic upscale: each photo is cropped to a multiple of 4, downscaled x4 with
// ffmpeg bicubic, upscaled again, and scored against the original with ffmpeg's psnr and ssim
// filters on RGB. Prints a Markdown table (the one in docs/model-packs.md).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_ENGINE_SETTINGS } from '../src-shared/jobs/engine-settings.js';
import { PackManifestSchema } from '../src-shared/packs/pack-manifest.js';
import { runPreview } from '../src-worker/preview/run-preview.js';
import { buildPack } from './build-packs.js';
import { DETAIL_BASE_CANDIDATES, PACK_SOURCES } from './pack-sources.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const photosDir = path.join(root, 'tests', 'fixtures', 'photos');
const ffmpeg = process.env['SPECULA_FFMPEG'] ?? 'ffmpeg';

export function compareImages(a: string, b: string): { psnr: number; ssim: number } {
  const run = spawnSync(ffmpeg, ['-hide_banner', '-i', a, '-i', b, '-lavfi', '[0]format=gbrp[x];[1]format=gbrp[y];[x][y]psnr;[0]format=gbrp[p];[1]format=gbrp[q];[p][q]ssim', '-f', 'null', '-'], {
    encoding: 'utf8',
  });
  return parseScores(run.stderr);
}

function parseScores(log: string): { psnr: number; ssim: number } {
  const psnr = /PSNR .*average:([\d.]+|inf)/.exec(log)?.[1];
  const ssim = /SSIM .*All:([\d.]+)/.exec(log)?.[1];
  if (!psnr || !ssim) throw new Error(`could not read ffmpeg's scores:\n${log}`);
  return { psnr: psnr === 'inf' ? Number.POSITIVE_INFINITY : Number(psnr), ssim: Number(ssim) };
}

function ffmpegRun(args: string[]): void {
  execFileSync(ffmpeg, ['-hide_banner', '-v', 'error', '-y', ...args]);
}

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'specula-eval-'));
  const detail = PACK_SOURCES.find((p) => p.name === 'detail')!;
  const rows = new Map<string, { psnr: number[]; ssim: number[] }>();
  const add = (label: string, s: { psnr: number; ssim: number }): void => {
    const row = rows.get(label) ?? { psnr: [], ssim: [] };
    row.psnr.push(s.psnr);
    row.ssim.push(s.ssim);
    rows.set(label, row);
  };
  for (const photo of readdirSync(photosDir).filter((f) => f.endsWith('.png')).sort()) {
    const name = path.basename(photo, '.png');
    const probe = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height', '-of', 'csv=p=0', path.join(photosDir, photo)], { encoding: 'utf8' });
    const [w, h] = probe.trim().split(',').map((v) => Math.floor(Number(v) / 4) * 4) as [number, number];
    const hr = path.join(work, `${name}-hr.png`);
    const lr = path.join(work, `${name}-lr.png`);
    ffmpegRun(['-i', path.join(photosDir, photo), '-vf', `crop=${w}:${h}:0:0,format=rgb24`, hr]);
    ffmpegRun(['-i', hr, '-vf', `scale=${w / 4}:${h / 4}:flags=bicubic`, lr]);
    for (const [key, candidate] of Object.entries(DETAIL_BASE_CANDIDATES)) {
      const source = { ...detail, name: `eval-${key.toLowerCase()}`, variants: [{ ...detail.variants[0]!, base: candidate }] };
      const packsDir = path.join(work, 'packs');
      await buildPack(source, packsDir);
      const packDir = path.join(packsDir, source.name);
      const manifest = PackManifestSchema.parse(JSON.parse(await readFile(path.join(packDir, 'pack.json'), 'utf8')));
      const outDir = path.join(work, `${name}-${key}`);
      const result = await runPreview(
        {
          input: { path: lr, kind: 'image', frame: 0, width: w / 4, height: h / 4 },
          pack: { dir: packDir, manifest },
          scale: 4,
          engine: DEFAULT_ENGINE_SETTINGS,
          fusion: manifest.variants[0]!.fusion,
          outDir,
          ffmpeg,
        },
        { progress: () => undefined, notice: (m) => console.error(m) },
      );
      add('ffmpeg bicubic', compareImages(result.files.lr, hr));
      add(`base: ${candidate.title}`, compareImages(result.files.base, hr));
      add(`draft: ${detail.variants[0]!.drafts[0]!.title}`, compareImages(result.files.drafts[0]!, hr));
      add(`fused (alpha 0.6) with base ${candidate.title}`, compareImages(result.files.fused, hr));
    }
    console.error(`measured ${name}`);
  }
  const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
  const photos = readdirSync(photosDir).filter((f) => f.endsWith('.png')).sort().map((f) => path.basename(f, '.png'));
  const lines = [`| output | ${photos.map((p) => `${p} PSNR / SSIM`).join(' | ')} | mean PSNR | mean SSIM |`, `|---|${photos.map(() => '---|').join('')}---|---|`];
  for (const [label, row] of rows) {
    // Bicubic and the draft do not depend on the base candidate: every candidate measured them again; keep one per photo.
    const step = row.psnr.length / photos.length;
    const psnr = photos.map((_, i) => row.psnr[i * step]!);
    const ssim = photos.map((_, i) => row.ssim[i * step]!);
    lines.push(`| ${label} | ${photos.map((_, i) => `${psnr[i]!.toFixed(2)} / ${ssim[i]!.toFixed(4)}`).join(' | ')} | ${mean(psnr).toFixed(2)} | ${mean(ssim).toFixed(4)} |`);
  }
  const table = lines.join('\n');
  console.log(table);
  await writeFile(path.join(work, 'table.md'), table);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
