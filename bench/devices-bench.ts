// npm run bench:devices — the models' work for one preview (a 320×180 crop of a real photo ×4,
// every model of the pack over the same tiles) on each device this machine can use, side by side
// with the CPU: time per frame, the ratio to the CPU's, and how close each device's output is to
// the CPU's (PSNR of every branch). A device that cannot be used says why. Prints; asserts nothing.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { DEFAULT_ENGINE_SETTINGS, DeviceSchema, type Device } from '../src-shared/jobs/engine-settings.js';
import { PixelPackSchema } from '../src-shared/packs/pack-manifest.js';
import { fromRgb24, type PlanarFrame } from '../src-worker/frames/planar-frame.js';
import { openVariant } from '../src-worker/inference/pack-sessions.js';
import { resolveTileSettings } from '../src-worker/inference/tile-settings.js';
import { upscaleTiled } from '../src-worker/inference/tiled-upscale.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, here.includes(`${path.sep}dist${path.sep}`) ? '../..' : '..');
const RUNS = 3;
const [WIDTH, HEIGHT] = [320, 180];

/** The top-left 320×180 of a fixture photo, as the models see a frame. */
function photoCrop(): PlanarFrame {
  const png = PNG.sync.read(readFileSync(path.join(root, 'tests', 'fixtures', 'photos', 'chelsea.png')));
  const rgb = new Uint8Array(WIDTH * HEIGHT * 3);
  for (let y = 0; y < HEIGHT; y++)
    for (let x = 0; x < WIDTH; x++)
      for (let c = 0; c < 3; c++) rgb[(y * WIDTH + x) * 3 + c] = png.data[(y * png.width + x) * 4 + c]!;
  return fromRgb24(rgb, WIDTH, HEIGHT);
}

function psnr(a: Float32Array, b: Float32Array): number {
  let mse = 0;
  for (let i = 0; i < a.length; i++) mse += (Math.min(255, Math.max(0, a[i]!)) - Math.min(255, Math.max(0, b[i]!))) ** 2;
  mse /= a.length;
  return mse === 0 ? Infinity : 10 * Math.log10((255 * 255) / mse);
}

interface DeviceRow {
  device: Device;
  used: boolean;
  note: string | null;
  msPerFrame: number | null;
  /** PSNR of each branch (base, then each draft) against the CPU's output. */
  psnrVsCpu: number[];
}

export async function devicesBench(packName = 'detail'): Promise<DeviceRow[]> {
  const packDir = path.join(root, 'resources', 'models', packName);
  // Pixel packs only: a latent pack's sampler is timed by bench:latent.
  const manifest = PixelPackSchema.parse(JSON.parse(readFileSync(path.join(packDir, 'pack.json'), 'utf8')));
  const variant = manifest.variants.find((v) => v.scale === 4) ?? manifest.variants[0]!;
  const tiles = resolveTileSettings(manifest, variant, DEFAULT_ENGINE_SETTINGS);
  const frame = photoCrop();
  const rows: DeviceRow[] = [];
  let cpuBranches: PlanarFrame[] | null = null;
  for (const device of DeviceSchema.options) {
    const notices: string[] = [];
    const sessions = await openVariant(packDir, variant, { device, threads: 0 }, (m) => notices.push(m));
    try {
      if (sessions.device !== device) {
        rows.push({ device, used: false, note: notices.join(' '), msPerFrame: null, psnrVsCpu: [] });
        continue;
      }
      const copy = (): PlanarFrame => ({ ...frame, data: frame.data.slice() });
      let result = await upscaleTiled(copy(), variant, sessions, tiles); // warm-up: first runs compile kernels
      const times: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        const started = performance.now();
        result = await upscaleTiled(copy(), variant, sessions, tiles);
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      cpuBranches ??= result.branches;
      rows.push({ device, used: true, note: null, msPerFrame: times[Math.floor(RUNS / 2)]!, psnrVsCpu: result.branches.map((b, k) => psnr(b.data, cpuBranches![k]!.data)) });
    } finally {
      await sessions.release();
    }
  }
  return rows;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const pack = process.argv[2] ?? 'detail';
  const rows = await devicesBench(pack);
  const cpu = rows.find((r) => r.device === 'cpu')!.msPerFrame!;
  console.log(`${pack} ×4, 320×180 → 1280×720, every model over the same tiles; ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()})`);
  for (const row of rows) {
    if (!row.used) console.log(`  ${row.device.padEnd(7)} not used: ${row.note}`);
    else console.log(`  ${row.device.padEnd(7)} ${row.msPerFrame!.toFixed(0).padStart(7)} ms per frame   cpu / this ${(cpu / row.msPerFrame!).toFixed(2).padStart(6)}   PSNR vs cpu ${row.psnrVsCpu.map((p) => (Number.isFinite(p) ? `${p.toFixed(1)} dB` : 'identical')).join(', ')}`);
  }
}
