// Real pixels in Chromium over browser mode: a demo workspace plus real files of known sizes
// (a 424 px PNG, a .fits.gz written by the project's FITS writer), embedded, ranked and mapped.
// The inspector shows the PNG at 424 CSS px at 1:1 and gives the .fits.gz a pixel readout with
// the file's own value under the pointer (FITS is known by content, not by the name); the queue
// shows its object from the preview and, key after key at a labelling pace, never a blank or
// black neighbour tile once the frame is painted.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserServer } from '../../electron/server/browser-server.js';
import { e2eUnavailable, screenshot, startApp, waitInPage, type AppUnderTest } from './browser-harness.js';
import { writePixelFixtures } from '../helpers/pixel-fixtures.js';

const unavailable = e2eUnavailable();
if (unavailable) console.warn(`Skipping the real-pixels end-to-end test: ${unavailable}`);

/** Keys pressed in the queue, and the pause between them (a brisk labelling pace). */
const QUEUE_KEYS = 12;
const PACE_MS = 300;

let app: AppUnderTest | undefined;
let server: BrowserServer;
let page: Page;
const pageErrors: string[] = [];

async function openInInspector(name: string): Promise<void> {
  await page.keyboard.press('/');
  await page.keyboard.type(name);
  await expect
    .poll(() => page.getByTestId('object-search-match').first().locator('.match-name').textContent())
    .toBe(name);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByTestId('inspector-name').textContent()).toBe(name);
  await page.getByTestId('pixel-canvas').waitFor();
}

// In-page code is text below: the Node build has no DOM types.
/** Two animation frames: whatever the last commit changed has been painted. */
const painted = () =>
  page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(null))))');

/** Canvas size [width, height] and its size on screen in CSS px [width, height]. */
const canvasSizes = (): Promise<{ pixels: number[]; css: number[] }> =>
  page.evaluate(`(() => {
    const c = document.querySelector('[data-testid="pixel-canvas"]');
    const r = c.getBoundingClientRect();
    return { pixels: [c.width, c.height], css: [r.width, r.height] };
  })()`);

/**
 * Each neighbour tile: null when it is a decoded image with a pixel brighter than near-black (read back through a
 * canvas), else what is wrong with it.
 */
const NEIGHBOUR_PROBLEMS = `[...document.querySelectorAll('[data-testid="neighbour-tile"]')].map((el) => {
  if (!(el instanceof HTMLImageElement) || !el.complete || el.naturalWidth === 0)
    return el.tagName + ' ' + (el.getAttribute('title') ?? el.textContent) + ': not a drawn image';
  const canvas = document.createElement('canvas');
  canvas.width = el.naturalWidth;
  canvas.height = el.naturalHeight;
  const ctx = canvas.getContext('2d');
  ctx.drawImage(el, 0, 0);
  const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  let brightest = 0;
  for (let i = 0; i < data.length; i += 4) brightest = Math.max(brightest, data[i], data[i + 1], data[i + 2]);
  return brightest > 24 ? null : el.alt + ': black (brightest ' + brightest + ')';
})`;

const MAIN_IMAGE = `(() => {
  const img = document.querySelector('[data-testid="queue-image"]');
  return { kind: img.dataset.kind, complete: img.complete, width: img.naturalWidth };
})()`;

describe.skipIf(unavailable !== null)('real pixels in the inspector and the queue (Chromium, browser mode)', () => {
  beforeAll(async () => {
    app = await startApp(
      async (ws, dir) => {
        const data = join(dir, 'pixels');
        mkdirSync(data);
        await writePixelFixtures(data);
        await ws.demo({ objects: 60 });
        await ws.ingest({ paths: [data] });
        await ws.embed({});
        await ws.rank({});
        await ws.map();
      },
      { height: 900, deviceScaleFactor: 1 },
    );
    ({ server, page } = app);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(server.url);
    await waitInPage(page, '(window.__serendipProbe?.mapPoints ?? 0) > 0');
  }, 240_000);
  afterAll(async () => {
    await app?.close();
  });

  it('shows a 424 px PNG at 424 px: every pixel on the canvas, 424 CSS px wide at 1:1', async () => {
    await openInInspector('square-424');
    expect(await page.getByTestId('pixel-view').getAttribute('data-source')).toBe('raster');
    expect((await canvasSizes()).pixels).toEqual([424, 424]);
    await page.getByTestId('zoom-one').click();
    expect(await page.getByTestId('zoom-label').textContent()).toBe('1:1');
    expect((await canvasSizes()).css).toEqual([424, 424]);
    // The fitted view keeps the square square, smaller than 1:1 in the 360 px panel.
    await page.getByTestId('pixel-view').getByRole('button', { name: 'fit', exact: true }).click();
    const [width, height] = (await canvasSizes()).css;
    expect(width).toBeLessThan(424);
    expect(width).toBeCloseTo(height, 0);
    await screenshot(page, 'pixels-png-424-fit');
  });

  it("gives a .fits.gz a pixel readout: the file's value under the pointer, rows from the bottom", async () => {
    await page.keyboard.press('Escape');
    await openInInspector('small-64x40');
    expect(await page.getByTestId('pixel-view').getAttribute('data-source')).toBe('fits');
    const canvas = page.getByTestId('pixel-canvas');
    expect((await canvasSizes()).pixels).toEqual([64, 40]);
    const box = (await canvas.boundingBox())!;
    // Aspect ratio kept: 64 × 40 on screen too.
    expect(box.width / box.height).toBeCloseTo(64 / 40, 2);
    // The centre of image pixel (10, 0), top row: FITS x 11, y 40.
    await page.mouse.move(box.x + ((10 + 0.5) * box.width) / 64, box.y + (0.5 * box.height) / 40);
    const value = 100 * (Math.exp(-(((10 - 32) / 8) ** 2 + ((39 - 20) / 5) ** 2) / 2) + (0.1 * 49) / 104);
    await expect
      .poll(() => page.getByTestId('pixel-readout').textContent())
      .toBe(`x 11 y 40 · r ${value.toPrecision(4)}`);
    await screenshot(page, 'pixels-fits-gz-readout');
  });

  it('never shows a blank neighbour tile after a keypress, and shows the object from its preview', async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('2');
    await page.getByTestId('queue-name').waitFor();
    await page.getByTestId('neighbour-tile').first().waitFor();
    // As a person would, look at the first object before the first key: its preview on screen means the
    // queue's first batch of previews has been made (made on first view, so this once is not instant).
    await expect.poll(async () => ((await page.evaluate(MAIN_IMAGE)) as { kind: string }).kind).toBe('preview');
    await page.waitForTimeout(PACE_MS);
    const problems: string[] = [];
    for (let k = 0; k < QUEUE_KEYS; k++) {
      const before = await page.getByTestId('queue-name').textContent();
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => page.getByTestId('queue-name').textContent()).not.toBe(before);
      await painted();
      const tiles = (await page.evaluate(NEIGHBOUR_PROBLEMS)) as (string | null)[];
      expect(tiles.length).toBe(6);
      problems.push(...tiles.filter((t): t is string => t !== null).map((t) => `key ${k + 1}: ${t}`));
      const main = (await page.evaluate(MAIN_IMAGE)) as { kind: string; complete: boolean; width: number };
      if (main.kind !== 'preview' || !main.complete || main.width === 0)
        problems.push(`key ${k + 1}: main image ${JSON.stringify(main)}`);
      await page.waitForTimeout(PACE_MS);
    }
    expect(problems).toEqual([]);
    await screenshot(page, 'pixels-queue');
    expect(pageErrors).toEqual([]);
  });
});
