// The map as an analysis tool in Chromium: brushing the score histogram draws only the objects
// in the brushed range and narrows the queue to them (the queue's next objects marked on the map,
// and the queue view's object), and comes back from a saved view; a lasso opens a thumbnail grid
// in which one object is left out, and labelling then labels exactly the rest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SerendipProbe } from '../../renderer/src/state/probe-types.js';
import {
  e2eUnavailable,
  screenPositions,
  screenshot,
  startApp,
  type AppUnderTest,
  drawLasso,
  openMap,
} from './browser-harness.js';

const unavailable = e2eUnavailable();
if (unavailable) console.warn(`Skipping the map filter end-to-end tests: ${unavailable}`);

const OBJECTS = 300;
/** About how many objects the brush leaves: fewer than the queue's marked objects, so the queue shrinks too. */
const BRUSHED = 8;
let app: AppUnderTest;
const consoleErrors: string[] = [];

const probe = <T>(pick: (p: SerendipProbe) => T): Promise<T> =>
  app.page.evaluate(`(${pick.toString()})(window.__serendipProbe)`) as Promise<T>;

describe.skipIf(unavailable !== null)('map filters and selections in Chromium', () => {
  beforeAll(async () => {
    app = await startApp(OBJECTS);
    await app.service.embed({});
    await app.service.rank({});
    await app.service.map();
    await openMap(app, consoleErrors);
  }, 240_000);
  afterAll(async () => app?.close());

  it('a histogram brush reduces the points drawn and the queue', async () => {
    const { page } = app;
    await expect.poll(() => probe((p) => p.mapMarked?.queued ?? 0)).toBeGreaterThan(0);
    const queuedBefore = (await probe((p) => p.mapMarked?.queued))!;
    expect(await probe((p) => p.mapPointsDrawn)).toBe(OBJECTS);

    // Brush from just below the BRUSHED-th highest score to past the right end (which clamps to the maximum).
    const { score, ids } = app.service.mapData();
    const values = [...score!];
    const min = Math.min(...values);
    const max = Math.max(...values);
    const threshold = [...values].sort((a, b) => b - a)[BRUSHED - 1];
    const svg = (await page.getByTestId('histogram-score').locator('svg').boundingBox())!;
    const startX = svg.x + ((threshold - min) / (max - min)) * svg.width - 1;
    const y = svg.y + svg.height / 2;
    await page.mouse.move(startX, y);
    await page.mouse.down();
    await page.mouse.move(svg.x + svg.width + 20, y, { steps: 8 });
    await page.mouse.up();

    // The brushed range starts where the drag did: every score from there up is drawn, and nothing else.
    const low = min + ((startX - svg.x) / svg.width) * (max - min);
    const passing = new Set(ids.filter((_, i) => values[i] >= low));
    expect(passing.size).toBeGreaterThanOrEqual(BRUSHED);
    expect(passing.size).toBeLessThan(queuedBefore);
    await expect.poll(() => probe((p) => p.mapPointsDrawn)).toBe(passing.size);
    expect(await page.getByTestId('filter-count').textContent()).toBe(`${passing.size} of ${OBJECTS} shown`);
    // The queue the map marks is re-ranked within the brush: only (and all of) the objects that pass.
    await expect.poll(() => probe((p) => p.mapMarked?.queued)).toBe(passing.size);
    await screenshot(page, 'map-histogram-brush');

    // The queue view offers an object in the brushed range first.
    await page.locator('nav button', { hasText: 'Queue' }).click();
    await expect.poll(() => probe((p) => p.queueCurrent)).not.toBeNull();
    const current = await probe((p) => p.queueCurrent);
    const passingNames = [...passing].map((id) => app.service.objectDetails(id).name);
    expect(passingNames).toContain(current);

    // Saved as a view with its colouring, the brush comes back after the filters are cleared.
    await page.locator('nav button', { hasText: 'Map' }).click();
    await page.getByTestId('colour-by').selectOption('label');
    await page.getByRole('button', { name: 'Save view' }).click();
    await page.getByTestId('view-name').fill('top scores');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect
      .poll(() => app.service.savedViews().map((v) => [v.name, v.colourBy]))
      .toEqual([['top scores', 'label']]);
    await page.getByTestId('clear-filters').click();
    await page.getByTestId('colour-by').selectOption('score');
    await expect.poll(() => probe((p) => p.mapPointsDrawn)).toBe(OBJECTS);
    await page.getByTestId('saved-views').selectOption('top scores');
    await expect.poll(() => probe((p) => p.mapPointsDrawn)).toBe(passing.size);
    expect(await page.getByTestId('colour-by').inputValue()).toBe('label');
    await page.getByTestId('clear-filters').click();
    await expect.poll(() => probe((p) => p.mapPointsDrawn)).toBe(OBJECTS);
  });

  it('a lasso opens a grid, and deselecting one then labelling labels the rest', async () => {
    const { page } = app;
    // The map was shown again (after the queue view): wait until its points are on screen.
    expect((await screenPositions(page)).length).toBe(OBJECTS);
    const box = (await page.getByTestId('map-view').boundingBox())!;
    const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
    const polygon: [number, number][] = [
      [cx - 250, cy - 180],
      [cx + 250, cy - 180],
      [cx + 250, cy + 180],
      [cx - 250, cy + 180],
    ];
    await drawLasso(page, polygon);

    const grid = page.getByTestId('selection-grid');
    await grid.waitFor();
    const tiles = grid.getByTestId('selection-tile');
    const selected = await tiles.count();
    expect(selected).toBeGreaterThan(3);
    const leftOut = Number(await tiles.nth(1).getAttribute('data-id'));
    await tiles.nth(1).click();
    await expect.poll(() => tiles.nth(1).getAttribute('aria-pressed')).toBe('false');
    await expect.poll(() => grid.locator('.selection-bar span').first().textContent()).toBe(`${selected - 1} selected`);
    // Thumbnails load lazily: wait for the visible ones before the screenshot.
    await expect.poll(() => tiles.first().locator('img').count()).toBe(1);
    await screenshot(page, 'map-selection-grid');

    const kept = await tiles.evaluateAll((els) =>
      els.filter((e) => e.getAttribute('aria-pressed') === 'true').map((e) => Number(e.getAttribute('data-id'))),
    );
    await grid.getByLabel('label for the set').fill('picked');
    await grid.getByRole('button', { name: `Label ${selected - 1}` }).click();
    await expect.poll(() => app.service.labelCounts()).toEqual([{ label: 'picked', count: selected - 1 }]);
    const labelled = app.service.labelled('picked').map((o) => o.id);
    expect(labelled.sort((a, b) => a - b)).toEqual(kept.sort((a, b) => a - b));
    expect(labelled).not.toContain(leftOut);
    await expect.poll(() => grid.count()).toBe(0);
    expect(consoleErrors).toEqual([]);
  });
});
