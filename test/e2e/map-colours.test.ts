// Colouring the map by catalog columns in Chromium: a 0/1 column attached with `ingest --catalog`
// draws exactly two colours with a two-row legend of its values and their counts; a continuous
// column gets a colour bar in its own units; the name and path columns are not offered at all.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DATA_FOLDER } from '../../electron/core/api/serendip-service.js';
import { CATEGORY_COLOURS } from '../../renderer/src/state/colour-scale.js';
import { e2eUnavailable, openMap, screenshot, startApp, type AppUnderTest } from './browser-harness.js';

const unavailable = e2eUnavailable();
if (unavailable) console.warn(`Skipping the map colour end-to-end tests: ${unavailable}`);

const OBJECTS = 300;
let app: AppUnderTest;
/** Each map object's catalog row, by object id: every fifth object flagged, redshift rising with the row. */
const flagOf = new Map<number, number>();
const consoleErrors: string[] = [];

/** How many pixels of a PNG are each of `colours` (every channel within 8). */
async function pixelsOf(png: Buffer, colours: readonly (readonly number[])[]): Promise<number[]> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const counts = colours.map(() => 0);
  for (let i = 0; i < data.length; i += info.channels) {
    colours.forEach((c, k) => {
      if (Math.abs(data[i] - c[0]) <= 8 && Math.abs(data[i + 1] - c[1]) <= 8 && Math.abs(data[i + 2] - c[2]) <= 8)
        counts[k]++;
    });
  }
  return counts;
}

describe.skipIf(unavailable !== null)('map colours in Chromium', () => {
  beforeAll(async () => {
    app = await startApp(OBJECTS);
    await app.service.embed({});
    await app.service.rank({});
    await app.service.map();
    const ids = [...app.service.mapData().ids];
    const rows = ids.map((id, i) => {
      const { name } = app.service.objectDetails(id);
      flagOf.set(id, i % 5 === 0 ? 1 : 0);
      return `${name},/data/cutouts/${name}.fits,${flagOf.get(id)},${(0.01 + (0.5 * i) / ids.length).toFixed(4)}`;
    });
    const catalog = join(app.dir, 'catalog.csv');
    writeFileSync(catalog, ['name,cutout_path,flag,redshift', ...rows].join('\n') + '\n');
    const ingest = await app.service.ingest({ paths: [join(app.dir, 'ws', DEMO_DATA_FOLDER)], catalog });
    expect(ingest.catalog?.matched).toBe(ids.length);
    await openMap(app, consoleErrors);
  }, 240_000);
  afterAll(async () => app?.close());

  it('offers the flag and the redshift as colours, not the name or the path', async () => {
    const options = await app.page
      .getByTestId('colour-by')
      .locator('option')
      .evaluateAll((els) => els.map((e) => e.getAttribute('value')));
    expect(options).toEqual(['score', 'label', 'meta:flag', 'meta:redshift']);
  });

  it('colours by a 0/1 column with two colours and a legend of the two values and their counts', async () => {
    const { page } = app;
    await page.getByTestId('colour-by').selectOption('meta:flag');
    const legend = page.getByTestId('legend');
    await expect.poll(() => legend.locator('.legend-title').textContent()).toBe('flag');
    const rows = await legend.locator('.legend-entry').evaluateAll((els) =>
      els.map((e) => ({
        name: e.querySelector('.legend-name')!.textContent,
        count: e.querySelector('.legend-count')!.textContent,
        swatch: e.querySelector('.swatch')!.getAttribute('style'),
      })),
    );
    const flagged = [...flagOf.values()].filter((f) => f === 1).length;
    const css = (c: readonly number[]) => `background: rgb(${c[0]}, ${c[1]}, ${c[2]});`;
    expect(rows).toEqual([
      { name: '0', count: String(flagOf.size - flagged), swatch: css(CATEGORY_COLOURS[0]) },
      { name: '1', count: String(flagged), swatch: css(CATEGORY_COLOURS[1]) },
    ]);

    // The points drawn: both colours, and none of the palette's others (the region between the
    // toolbar and the legend, so only points are counted).
    await page.waitForTimeout(300);
    await screenshot(page, 'map-colour-flag');
    const view = (await page.getByTestId('map-view').boundingBox())!;
    const toolbar = (await page.locator('.map-toolbar').boundingBox())!;
    const top = toolbar.y + toolbar.height + 4;
    const bottom = (await legend.boundingBox())!.y - 4;
    const png = await page.screenshot({ clip: { x: view.x, y: top, width: view.width, height: bottom - top } });
    const counts = await pixelsOf(png, CATEGORY_COLOURS);
    expect(counts[0]).toBeGreaterThan(50);
    expect(counts[1]).toBeGreaterThan(20);
    expect(counts.slice(2)).toEqual(Array(CATEGORY_COLOURS.length - 2).fill(0));
  });

  it('colours by a continuous column with a colour bar ticked in its units', async () => {
    const { page } = app;
    await page.getByTestId('colour-by').selectOption('meta:redshift');
    const bar = page.getByTestId('legend-colourbar');
    await bar.waitFor();
    const ticks = (await bar.locator('.colourbar-tick').allTextContents()).map(Number);
    // Redshifts 0.01 + 0.5 i / 300: the bar spans their 2% and 98% quantiles, rows 6 and 293 of the
    // sorted 300 (0.02 and 0.498), ticked every 0.1.
    expect(ticks).toEqual([0.1, 0.2, 0.3, 0.4]);
    expect(await page.getByTestId('legend').locator('.legend-title').textContent()).toBe('redshift');
    await page.waitForTimeout(300);
    await screenshot(page, 'map-colour-redshift');
  });

  it('logged no errors in the page', () => {
    expect(consoleErrors).toEqual([]);
  });
});
