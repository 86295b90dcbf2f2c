// Part of `npm run bench` (alone: npm run bench:refuse). Live fusion as a user feels it: a
// 320x180 clip previewed with the detail pack x4 (a 1280x720 base and draft, cached in the
// worker), then fusion sliders moved in Chromium through the real interface and `specula serve`;
// each figure runs from the slider's input event to the new picture painted (two animation frames
// after the swapped <img> decoded), measured by the page's own clock. Prints; asserts nothing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { connectBridgeApi } from '../src-shared/api/bridge-client.js';
import { openBrowserSession } from './browser-session.js';
import { isScript, runAlone, type BenchResult } from './bench-report.js';
import { median } from './median.js';
import { FFMPEG, photoPath } from './project-paths.js';

/** Slider moves, after one first move that is reported on its own. */
const MOVES: { slider: 'alpha' | 'fc' | 'order'; value: number }[] = [
  { slider: 'fc', value: 0.3 },
  { slider: 'alpha', value: 0.8 },
  { slider: 'fc', value: 0.2 },
  { slider: 'order', value: 2 },
  { slider: 'alpha', value: 0.4 },
  { slider: 'fc', value: 0.35 },
  { slider: 'order', value: 6 },
  { slider: 'fc', value: 0.15 },
  { slider: 'alpha', value: 0.7 },
];

// The page's globals as the page-side function uses them (this compiles without the DOM library).
declare const document: { querySelector(selector: string): PageElement | null };
declare const requestAnimationFrame: (callback: () => void) => void;
declare class MutationObserver {
  constructor(callback: () => void);
  observe(target: PageElement, options: { attributes: boolean; attributeFilter: string[] }): void;
  disconnect(): void;
}
declare class Event {
  constructor(type: string, init: { bubbles: boolean });
}
interface PageElement {
  value: string;
  getAttribute(name: string): string | null;
  dispatchEvent(event: Event): void;
  decode(): Promise<void>;
}

/** In the page: move a slider, wait for the new fused picture on screen; milliseconds. */
function moveSlider({ slider, value }: { slider: string; value: number }): Promise<number> {
  const input = document.querySelector(`[data-testid="fusion-${slider}"]`)!;
  const image = document.querySelector('[data-testid="result-image"]')!;
  const before = image.getAttribute('src');
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (image.getAttribute('src') === before) return;
      observer.disconnect();
      void image.decode().then(() => requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - started))));
    });
    observer.observe(image, { attributes: true, attributeFilter: ['src'] });
    const started = performance.now();
    input.value = String(value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export async function refuseBench(): Promise<BenchResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'specula-bench-refuse-'));
  const clip = path.join(dir, 'coffee-320x180.mp4');
  execFileSync(FFMPEG, ['-v', 'error', '-y', '-loop', '1', '-framerate', '12', '-i', photoPath('coffee'), '-vf', 'scale=320:180,format=yuv420p', '-frames:v', '3', '-c:v', 'libx264', clip]);
  const session = await openBrowserSession({ dir });
  try {
    const socket = new WebSocket(`ws://127.0.0.1:${session.port}/api?token=${session.token}`);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const api = connectBridgeApi(socket);
    const [added] = (await api.addClips({ paths: [clip] })).added;
    await api.setClipSettings({ clipId: added!.id, patch: { pack: 'detail' } });
    socket.close();

    const { page } = session;
    await page.goto(`${session.url}#/clip/${added!.id}`);
    const previewStarted = performance.now();
    await page.getByRole('button', { name: 'Preview frame 0' }).click();
    await page.getByTestId('result-image').waitFor({ timeout: 10 * 60_000 });
    const previewSeconds = (performance.now() - previewStarted) / 1000;
    const size = await page.getByText(/· 1280×720 ·/).count();
    if (size === 0) throw new Error('the preview is not 1280x720');

    const note = page.getByTestId('refuse-note');
    const run = async (move: (typeof MOVES)[number]): Promise<{ move: string; ms: number; workerMs: number }> => {
      const ms = await page.evaluate(moveSlider, move);
      const text = await note.innerText();
      const worker = /\(([\d.]+) (ms|s) in the worker\)/.exec(text);
      const workerMs = worker ? Number(worker[1]) * (worker[2] === 's' ? 1000 : 1) : Number.NaN;
      return { move: `${move.slider}=${move.value}`, ms, workerMs };
    };
    const first = await run({ slider: 'alpha', value: 0.9 });
    const moves = [];
    for (const move of MOVES) moves.push(await run(move));
    const times = moves.map((m) => m.ms);
    console.error(`refuse: preview ${previewSeconds.toFixed(1)} s; first move ${first.ms.toFixed(0)} ms; then ${moves.map((m) => `${m.move} ${m.ms.toFixed(0)} ms (worker ${m.workerMs.toFixed(0)})`).join(', ')}`);
    return {
      rows: [
        {
          group: 'refuse',
          measure: `1280×720 preview (detail ×4): fusion slider input to new picture painted, Chromium: median / slowest of ${moves.length} moves`,
          a: median(times),
          b: Math.max(...times),
          unit: 'ms',
          ratio: null,
          target: 300,
          per: 'move',
        },
      ],
      details: { previewSeconds, first, moves, medianWorkerMs: median(moves.map((m) => m.workerMs)) },
    };
  } finally {
    await session.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isScript(import.meta.url)) await runAlone(refuseBench);
