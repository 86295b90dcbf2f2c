// The interface end to end, in Debian's Chromium against a real `specula serve` with a real
// library, real clips and the real models: defaults, adding a folder (its bad files show their
// reasons), the clip screen (playhead, a setting, trim), the preview (split, live fusion), a render
// to done, an export with its verification, and the packs. Each screen is saved in screenshots/.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { openBrowserSession, type BrowserSession } from '../../bench/browser-session.js';
import { clipFolder } from '../helpers/library.js';
import { BUILT_IN_PACKS, ROOT, tempDir } from '../helpers/project.js';

const SCREENSHOTS = path.join(ROOT, 'tests', 'e2e', 'screenshots');
/** For what the page does by itself; model runs and renders get longer. */
const UI_WAIT = 30_000;
const WORK_WAIT = 4 * 60_000;

// The page's globals as the page-side callbacks below use them: the tests compile without the
// DOM library, and the page's Content-Security-Policy forbids evaluating strings there.
declare const document: {
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): { length: number };
  getElementById(id: string): (PageElement & { value?: string }) | null;
  createElement(tag: 'canvas'): PageCanvas;
};
interface PageElement {
  textContent: string | null;
  getAttribute(name: string): string | null;
}
interface PageCanvas {
  width: number;
  height: number;
  getContext(kind: '2d'): { drawImage(image: unknown, x: number, y: number): void; getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } };
}

/** A checksum of the pixels an <img> shows, read back through a canvas. */
function pixelSum(image: Locator): Promise<number> {
  return image.evaluate((element: { naturalWidth: number; naturalHeight: number }) => {
    const canvas = document.createElement('canvas');
    canvas.width = element.naturalWidth;
    canvas.height = element.naturalHeight;
    const context = canvas.getContext('2d');
    context.drawImage(element, 0, 0);
    const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
    let sum = 0;
    for (let i = 0; i < data.length; i++) sum = (sum * 31 + data[i]!) % 2_147_483_647;
    return sum;
  });
}

describe('the interface in Chromium', { timeout: 10 * 60_000 }, () => {
  let dir: string;
  let session: BrowserSession;
  let page: Page;
  const shot = (name: string): Promise<Buffer> => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
  /** A step; when it fails, what the page showed is saved beside the library for a look. */
  const step = (name: string, body: () => Promise<void>): void =>
    void it(name, async () => {
      try {
        await body();
      } catch (error) {
        const picture = path.join(dir, `failed-${name.split(' ').slice(0, 3).join('-')}.png`);
        await page.screenshot({ path: picture }).catch(() => undefined);
        console.error(`the page when "${name}" failed: ${picture}`);
        throw error;
      }
    });

  before(async () => {
    dir = tempDir('specula-e2e-');
    // The helpers' folder of clips, and one long enough to be seen rendering.
    clipFolder(dir, { 'walk.mp4': {}, 'run.mkv': { frames: 8 }, 'sub/jump.mp4': { frames: 6, audio: false }, 'long.mp4': { frames: 360, audio: false } });
    // A broken pack in the user's folder: listed with its reason, never in the way.
    mkdirSync(path.join(dir, 'user-packs', 'half-copied'), { recursive: true });
    writeFileSync(path.join(dir, 'user-packs', 'half-copied', 'pack.json'), '{"format": "specula-pack", "version": 1');
    session = await openBrowserSession({ dir });
    page = session.page;
    page.setDefaultTimeout(UI_WAIT);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.goto(session.url);
  });

  after(async () => {
    await session?.close();
  });

  step('sets the library defaults to a fast setting', async () => {
    await page.getByRole('button', { name: 'Defaults' }).click();
    const pack = page.getByRole('combobox', { name: 'Pack', exact: true });
    await pack.locator('option[value="fast"]').waitFor({ state: 'attached' });
    await pack.selectOption('fast');
    await page.getByRole('combobox', { name: 'Scale', exact: true }).selectOption('2');
    await page.getByRole('combobox', { name: 'Encoder preset', exact: true }).selectOption('ultrafast');
    await page.waitForFunction(() => document.getElementById('setting-preset')?.value === 'ultrafast');
    await page.reload();
    await page.getByRole('button', { name: 'Defaults' }).click();
    await page.getByRole('combobox', { name: 'Encoder preset', exact: true }).waitFor();
    assert.equal(await page.getByRole('combobox', { name: 'Pack', exact: true }).inputValue(), 'fast');
    assert.equal(await page.getByRole('combobox', { name: 'Scale', exact: true }).inputValue(), '2');
    assert.equal(await page.getByRole('combobox', { name: 'Encoder preset', exact: true }).inputValue(), 'ultrafast');
    // The packs' titles come once every pack has been checked in onnxruntime.
    await page.getByRole('combobox', { name: 'Pack', exact: true }).locator('option', { hasText: /^Fast$/ }).waitFor({ state: 'attached', timeout: WORK_WAIT });
    await shot('defaults');
  });

  step('adds a folder of clips and shows why the bad files were not added', async () => {
    await page.getByRole('button', { name: 'Library' }).click();
    await page.getByLabel('Add a folder or video by its path').fill(path.join(dir, 'clips'));
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const report = page.getByRole('region', { name: 'Import result' });
    await report.getByText('Added 4 clips').waitFor();
    assert.match(await report.getByText('empty.mp4', { exact: true }).locator('..').innerText(), /is empty \(0 bytes\); it may not have finished copying/);
    assert.match(await report.getByText('notes.txt', { exact: true }).locator('..').innerText(), /not an image or video that ffmpeg can read/);
    await page.waitForFunction(() => document.querySelectorAll('ul[aria-label="Clips"] > li').length === 4);
    // Every thumbnail strip is made in the background; the cards show them as they land.
    await page.waitForFunction(() => document.querySelectorAll('.thumb:not(.empty)').length === 4);
    await page.getByPlaceholder('Search clips').fill('WAL');
    await page.waitForFunction(() => document.querySelectorAll('ul[aria-label="Clips"] > li').length === 1);
    await page.getByPlaceholder('Search clips').fill('');
    await page.waitForFunction(() => document.querySelectorAll('ul[aria-label="Clips"] > li').length === 4);
    await page.getByLabel('Sort clips by').selectOption('duration');
    await page.getByRole('button', { name: 'Descending order' }).click();
    await page.waitForFunction(() => document.querySelector('ul[aria-label="Clips"] > li .name')?.textContent === 'long.mp4');
    await shot('library');
  });

  step('opens a clip: the source plays, the playhead moves frame by frame, a setting overrides the default, the trim is set', async () => {
    await page.getByRole('button', { name: /^Open walk\.mp4/ }).click();
    // The source plays (Chromium decodes H.264), the playhead follows it to the last frame.
    await page.getByAltText('Frame 0 of the source').waitFor();
    await page.getByRole('button', { name: 'Play the source (Space)' }).click();
    await page.getByTestId('frame-readout').getByText('frame 11 / 11').waitFor();
    await page.getByAltText('Frame 11 of the source').waitFor();
    const timeline = page.getByRole('slider', { name: 'Playhead' });
    await timeline.focus();
    await page.keyboard.press('Home');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await page.getByTestId('frame-readout').getByText('frame 3 / 11').waitFor();
    await page.getByAltText('Frame 3 of the source').waitFor();
    // Drag the playhead to two thirds of the way: frame 8 of 12, exactly.
    const box = (await timeline.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 5 });
    await page.mouse.move(box.x + box.width * (8.5 / 12), box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    assert.equal(await timeline.getAttribute('aria-valuenow'), '8');
    await page.getByAltText('Frame 8 of the source').waitFor();
    // Trim: in at 2, out after 9.
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('i');
    for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('o');
    await page.getByTestId('trim-readout').getByText('2–10').waitFor();
    // The detail pack has a draft model to fuse; its only scale replaces the library's x2.
    await page.getByRole('combobox', { name: 'Pack', exact: true }).selectOption('detail');
    await page.getByRole('button', { name: /^Reset Pack to the library default/ }).waitFor();
    assert.equal(await page.getByRole('combobox', { name: 'Scale', exact: true }).inputValue(), '');
    await page.getByRole('spinbutton', { name: 'Quality (CRF)', exact: true }).fill('20');
    await page.getByRole('spinbutton', { name: 'Quality (CRF)', exact: true }).press('Enter');
    await page.getByRole('button', { name: /^Reset Quality \(CRF\) to the library default \(18\)/ }).waitFor();
    await timeline.focus();
    await page.keyboard.press('ArrowLeft');
    await page.getByTestId('frame-readout').getByText('frame 8 / 11').waitFor();
    await page.getByRole('complementary', { name: 'Clip settings' }).evaluate((side: { scrollTop: number }) => (side.scrollTop = 0));
    await shot('clip');
  });

  step('previews the frame, drags the split, and a fusion slider re-fuses the picture without running the models', async () => {
    await page.getByRole('button', { name: 'Preview frame 8' }).click();
    const result = page.getByTestId('result-image');
    await result.waitFor({ timeout: WORK_WAIT });
    assert.match((await page.getByText(/^frame 8 · detail x4 · 256×144/).innerText()).replace(/\s+/g, ' '), /models \d+/);
    const handle = page.getByTestId('split-handle');
    assert.equal(await handle.getAttribute('aria-valuenow'), '50');
    const stage = (await page.getByRole('group', { name: 'Compare the source with the result' }).boundingBox())!;
    const grip = (await handle.boundingBox())!;
    await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2);
    await page.mouse.down();
    await page.mouse.move(stage.x + stage.width * 0.3, grip.y + grip.height / 2, { steps: 6 });
    await page.mouse.up();
    assert.equal(await handle.getAttribute('aria-valuenow'), '30');

    const before = await pixelSum(result);
    const src = await result.getAttribute('src');
    const alpha = page.getByTestId('fusion-alpha');
    assert.equal(await alpha.inputValue(), '0.6', "the pack's alpha");
    await alpha.focus();
    await page.keyboard.press('End');
    await page.waitForFunction((old) => document.querySelector('[data-testid="result-image"]')?.getAttribute('src') !== old, src);
    await page.getByTestId('refuse-note').getByText(/^Re-fused in .*no model ran\.$/).waitFor();
    const after = await pixelSum(result);
    assert.notEqual(after, before, 'alpha 1 gives another picture than alpha 0.6');
    await page.getByRole('button', { name: 'Base' }).click();
    await page.waitForFunction(() => /base\.png/.test(document.querySelector('[data-testid="result-image"]')?.getAttribute('src') ?? ''));
    assert.notEqual(await pixelSum(result), after, 'the base is not the fused picture');
    await page.getByRole('button', { name: 'Fused' }).click();
    await page.waitForFunction(() => /fused-live/.test(document.querySelector('[data-testid="result-image"]')?.getAttribute('src') ?? ''));
    await page.getByRole('button', { name: 'Use these settings for this clip' }).click();
    await page.getByRole('button', { name: /^Reset Alpha to the library default/ }).waitFor();
    assert.equal(await page.getByRole('spinbutton', { name: 'Alpha', exact: true }).inputValue(), '1');
    // The loupe, at the result side of the split.
    await page.getByRole('button', { name: 'Loupe' }).click();
    await page.getByRole('button', { name: '4×' }).click();
    await page.mouse.move(stage.x + stage.width * 0.58, stage.y + stage.height * 0.4);
    await page.getByText(/^fused · 4× · \d+, \d+$/).waitFor();
    await shot('preview');
  });

  step('queues renders while the queue is paused, cancels one, pauses and resumes another, and shows progress to done with a notification', async () => {
    // Back to the library's fast setting for the render (the trim stays).
    await page.getByRole('button', { name: 'Reset all to defaults' }).click();
    await page.getByRole('button', { name: 'Reset all to defaults' }).waitFor({ state: 'detached' });
    assert.equal(await page.getByRole('combobox', { name: 'Pack', exact: true }).inputValue(), 'fast');
    await page.getByRole('button', { name: 'Queue', exact: true }).click();
    await page.getByRole('button', { name: 'Pause the queue' }).click();
    await page.getByRole('button', { name: 'Resume the queue' }).waitFor();
    for (const name of ['walk.mp4', 'run.mkv', 'long.mp4']) {
      await page.getByRole('button', { name: 'Library', exact: true }).click();
      await page.getByRole('button', { name: new RegExp(`^Open ${name.replace('.', '\\.')}`) }).click();
      if (name === 'run.mkv') await page.keyboard.press('r');
      else await page.getByRole('button', { name: 'Queue render' }).click();
      await page.getByRole('status', { name: "This clip's latest render" }).getByText('render queued').waitFor();
    }
    await page.keyboard.press('2');
    const row = (name: string): Locator => page.getByRole('listitem', { name: new RegExp(`^Render \\d+ of ${name.replace('.', '\\.')}`) });
    const status = (name: string): Locator => row(name).getByTestId('render-status');
    for (const name of ['walk.mp4', 'run.mkv', 'long.mp4']) await status(name).getByText('queued').waitFor();
    assert.equal(await page.getByRole('progressbar', { name: 'Overall progress of the queue' }).getAttribute('aria-valuemax'), String(8 + 8 + 360), 'the trimmed walk, all of run and long');
    const pausedAdvice = page.getByRole('status').filter({ hasText: 'Queued while the queue is paused' });
    await pausedAdvice.waitFor();
    await shot('queue-waiting');

    await row('run.mkv').getByRole('button', { name: 'Cancel' }).click();
    await status('run.mkv').getByText('cancelled').waitFor();
    // Resumed, the queue no longer shows the advice to resume it: it goes at once, well before an
    // info message fades by itself (8 s after it appeared; checked only if it has not yet).
    const adviceStillShown = (await pausedAdvice.count()) === 1;
    await page.getByRole('button', { name: 'Resume the queue' }).click();
    if (adviceStillShown) await pausedAdvice.waitFor({ state: 'detached', timeout: 1500 });
    await status('walk.mp4').getByText('done').waitFor({ timeout: WORK_WAIT });
    const walkBar = row('walk.mp4').getByRole('progressbar');
    assert.deepEqual([await walkBar.getAttribute('aria-valuenow'), await walkBar.getAttribute('aria-valuemax')], ['8', '8'], 'the trim (frames 2 to 10) was rendered');
    assert.match(await row('walk.mp4').innerText(), /fast → 128×72/);
    await page.getByRole('status').filter({ hasText: 'Render of walk.mp4 finished' }).waitFor();
    // The long clip while it renders: its stage, speed and time left.
    await page.waitForFunction(() => Number(document.querySelector('[aria-label^="Progress of long.mp4"]')?.getAttribute('aria-valuenow') ?? 0) >= 24, undefined, { timeout: WORK_WAIT });
    await shot('queue');
    assert.match(await row('long.mp4').innerText(), /\d+\.\d fps[\s\S]*ETA/);
    await row('long.mp4').getByRole('button', { name: 'Pause' }).click();
    await status('long.mp4').getByText('paused').waitFor();
    const kept = Number(await row('long.mp4').getByRole('progressbar').getAttribute('aria-valuenow'));
    await row('long.mp4').getByRole('button', { name: 'Resume' }).click();
    await status('long.mp4').getByText('done').waitFor({ timeout: WORK_WAIT });
    assert.ok(kept > 0 && kept < 360, `paused at ${kept} of 360 frames`);
    await page.getByRole('status').filter({ hasText: 'Render of long.mp4 finished' }).waitFor();
  });

  step('exports the render and shows its verification', async () => {
    await page.getByRole('button', { name: 'Exports' }).click();
    const folder = page.getByLabel('Destination folder');
    assert.equal(await folder.inputValue(), path.join(dir, 'exports'));
    await page.getByRole('combobox', { name: 'Codec', exact: true }).selectOption('copy');
    await page.getByRole('listitem').filter({ hasText: 'walk.mp4' }).getByRole('button', { name: 'Export' }).click();
    await page.getByTestId('export-status').getByText('verified').waitFor({ timeout: WORK_WAIT });
    const checks = page.getByRole('table', { name: 'Verification checks' });
    const names = await checks.locator('tbody tr td:first-child').allInnerTexts();
    assert.ok(names.length >= 5, names.join(', '));
    assert.deepEqual(await checks.locator('tbody .badge').allInnerTexts(), names.map(() => 'ok'));
    assert.ok(readFileSync(path.join(dir, 'exports', 'walk.mp4')).length > 0);
    await shot('export');
  });

  step('lists the packs with the reason a broken one cannot be used, and imports a pack folder once it passes its checks', async () => {
    await page.getByRole('button', { name: 'Packs' }).click();
    const table = page.getByRole('table', { name: 'Installed packs' });
    await table.getByText('half-copied').waitFor({ timeout: WORK_WAIT });
    assert.match(await table.getByRole('row').filter({ hasText: 'half-copied' }).innerText(), /broken[\s\S]*pack\.json is not valid JSON/);
    const pathField = page.getByLabel('Pack folder path');
    await pathField.fill(path.join(dir, 'clips'));
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: /is not a pack Specula can use: the folder has no pack\.json; nothing was imported\./ }).waitFor();
    await shot('packs-refused');
    const mine = path.join(dir, 'my-fast');
    cpSync(path.join(BUILT_IN_PACKS, 'fast'), mine, { recursive: true });
    const manifest = JSON.parse(readFileSync(path.join(mine, 'pack.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(path.join(mine, 'pack.json'), JSON.stringify({ ...manifest, name: 'my-fast', title: 'My fast' }));
    await pathField.fill(mine);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await table.getByRole('row').filter({ hasText: 'my-fast' }).filter({ hasText: 'user' }).getByText('ok').waitFor({ timeout: WORK_WAIT });
    await shot('packs');
  });

  it('logged no errors on the page', () => {
    assert.deepEqual(session.pageErrors, []);
  });
});
