// Part of `npm run bench`: how fast the library answers with 10,000 clips, measured through the
// same router the app, the CLI and the browser use (input checks included). Prints milliseconds
// per call, the slowest and the median of many calls; asserts nothing.
//  - list: a page of 200 clips sorted by name; and every clip at once.
//  - filter: a name search plus a status filter, sorted by duration.
//  - update: one clip's settings changed (validated against its pack, saved, event sent).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CallName } from '../src-shared/api/contract.js';
import type { MediaInfo } from '../src-shared/media/media-info.js';
import { createHandlers } from '../src-main/api/handlers.js';
import { PathGrants } from '../src-main/api/path-grants.js';
import { ApiRouter } from '../src-main/api/router.js';
import { SpeculaServices } from '../src-main/app/specula-services.js';
import { isScript, runAlone, type BenchResult } from './bench-report.js';

const CLIPS = 10_000;
const CALLS = 50;

function clipMedia(i: number): MediaInfo {
  const sizes = [[640, 360], [1280, 720], [1920, 1080], [720, 480]] as const;
  const [width, height] = sizes[i % sizes.length]!;
  const frames = 48 + ((i * 7919) % 9000);
  const words = ['beach', 'city', 'forest', 'wedding', 'drone', 'interview', 'street', 'snow'];
  return {
    path: `/footage/day-${Math.floor(i / 500)}/${words[i % words.length]}-${String(i).padStart(5, '0')}.mp4`,
    kind: 'video',
    width,
    height,
    rotation: 0,
    frames,
    avgFrameRate: '30000/1001',
    realFrameRate: '30000/1001',
    vfr: false,
    duration: frames / 29.97,
    pixelFormat: 'yuv420p',
    bitDepth: 8,
    colour: { primaries: 'bt709', transfer: 'bt709', matrix: 'bt709', range: 'tv' },
    audio: [{ index: 1, codec: 'aac', duration: frames / 29.97 }],
    subtitles: [],
  };
}

export interface LibraryBenchRow {
  call: string;
  medianMs: number;
  maxMs: number;
  calls: number;
}

export async function libraryBench(): Promise<{ clips: number; rows: LibraryBenchRow[] }> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'specula-library-bench-'));
  const services = await SpeculaServices.open({ libraryFile: path.join(work, 'bench.specula'), packsDir: path.join(work, 'no-user-packs') });
  const router = new ApiRouter(createHandlers(services), services.events);
  const context = { grants: PathGrants.anything() };
  try {
    services.library.transaction(() => {
      for (let i = 0; i < CLIPS; i++) services.library.clips.add(clipMedia(i), { size: 1e6 + i, mtimeMs: 1.7e12 + i });
    });
    const call = async (name: CallName, input: unknown): Promise<number> => {
      const started = performance.now();
      const reply = await router.call(name, input, context);
      const ms = performance.now() - started;
      if (!reply.ok) throw new Error(`${name} failed: ${reply.error.message}`);
      return ms;
    };
    const measure = async (label: string, input: (k: number) => [CallName, unknown], calls = CALLS): Promise<LibraryBenchRow> => {
      await call(...input(0)); // prepares the statement
      const times: number[] = [];
      for (let k = 0; k < calls; k++) times.push(await call(...input(k)));
      times.sort((a, b) => a - b);
      return { call: label, medianMs: times[Math.floor(times.length / 2)]!, maxMs: times[times.length - 1]!, calls };
    };
    const rows = [
      await measure('list a page of 200, by name', (k) => ['listClips', { sort: 'name', offset: (k * 200) % CLIPS, limit: 200 }]),
      await measure('list all 10,000, by name', () => ['listClips', { sort: 'name', limit: 10_000 }], 10),
      await measure('filter: name search + status, by duration', (k) => ['listClips', { search: ['beach', 'city', 'drone', 'snow'][k % 4], status: ['new'], sort: 'duration', descending: true }]),
      await measure('update one clip\'s settings', (k) => ['setClipSettings', { clipId: 1 + ((k * 37) % CLIPS), patch: { crf: 16 + (k % 8), alpha: (k % 10) / 10 } }]),
    ];
    return { clips: CLIPS, rows };
  } finally {
    await services.close();
    rmSync(work, { recursive: true, force: true });
  }
}

/** The calls as rows of the suite's table: the median and the slowest call, against ≤ 50 ms a call. */
export async function libraryRows(): Promise<BenchResult> {
  const result = await libraryBench();
  return {
    rows: result.rows.map((r, i) => ({
      group: 'library',
      measure: `${i === 0 ? `${result.clips.toLocaleString('en')} clips, ` : ''}${r.call}: median / slowest of ${r.calls} calls`,
      a: r.medianMs,
      b: r.maxMs,
      unit: 'ms',
      ratio: null,
      target: 50,
    })),
    details: result,
  };
}

if (isScript(import.meta.url)) await runAlone(libraryRows);
