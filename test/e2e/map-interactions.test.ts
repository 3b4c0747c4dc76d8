// The map's selection and level-of-detail in Chromium: a lasso picks exactly the objects
// inside the drawn polygon and labels them as a set; zoomed in, the on-screen objects (and
// only those) are drawn as thumbnails from atlases, and leaving that view cancels the
// requests still out; zoomed far out, a density image with the labelled objects and the
// queue's next objects still drawn on top, each with a legend entry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SerendipProbe } from '../../renderer/src/state/probe-types.js';
import {
  e2eUnavailable,
  nonBackgroundPixels,
  screenPositions as screenPositionsOf,
  screenshot,
  startApp,
  waitInPage,
  type AppUnderTest,
  drawLasso,
  openMap,
} from './browser-harness.js';

const unavailable = e2eUnavailable();
if (unavailable) console.warn(`Skipping the map end-to-end tests: ${unavailable}`);

const OBJECTS = 600;
let app: AppUnderTest;
const consoleErrors: string[] = [];

const probe = <T>(pick: (p: SerendipProbe) => T): Promise<T> =>
  app.page.evaluate(`(${pick.toString()})(window.__serendipProbe)`) as Promise<T>;

const screenPositions = () => screenPositionsOf(app.page);

function inside(polygon: [number, number][], [px, py]: [number, number]): boolean {
  let result = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i],
      [xj, yj] = polygon[j];
    if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) result = !result;
  }
  return result;
}

/** Distance from a point to the polygon's outline: points within a pixel of it may fall either way. */
function edgeDistance(polygon: [number, number][], [px, py]: [number, number]): number {
  let best = Infinity;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [ax, ay] = polygon[j],
      [bx, by] = polygon[i];
    const t = Math.max(
      0,
      Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)),
    );
    best = Math.min(best, Math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay))));
  }
  return best;
}

describe.skipIf(unavailable !== null)('map interactions in Chromium', () => {
  beforeAll(async () => {
    app = await startApp(OBJECTS);
    await app.service.embed({});
    await app.service.rank({});
    await app.service.map();
    await openMap(app, consoleErrors);
  }, 180_000);
  afterAll(async () => app?.close());

  it('labels exactly the objects inside a lasso', async () => {
    const { page } = app;
    await waitInPage(
      page,
      '(window.__serendipProbe?.mapPoints ?? 0) > 0 && (window.__serendipProbe?.mapFrames ?? 0) > 1',
    );
    expect(await probe((p) => p.mapMode)).toBe('points');
    const box = (await page.getByTestId('map-view').boundingBox())!;
    const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
    // An irregular (non-convex) pentagon around the middle of the map.
    const polygon: [number, number][] = [
      [cx - 260, cy - 180],
      [cx + 40, cy - 60],
      [cx + 240, cy - 200],
      [cx + 180, cy + 200],
      [cx - 200, cy + 140],
    ];
    await drawLasso(page, polygon, 12);

    const positions = await screenPositions();
    const ids = app.service.mapData().ids;
    const expected = new Set<number>();
    const either = new Set<number>();
    positions.forEach((pos, i) => {
      if (!pos) return;
      if (edgeDistance(polygon, pos) < 1) either.add(ids[i]);
      else if (inside(polygon, pos)) expected.add(ids[i]);
    });
    expect(expected.size).toBeGreaterThan(10);

    const bar = page.getByTestId('selection-bar');
    await bar.waitFor();
    await screenshot(page, 'map-lasso');
    const count = Number((await bar.locator('span').first().textContent())!.split(' ')[0]);
    await bar.getByLabel('label for the set').fill('lassoed');
    await bar.getByRole('button', { name: `Label ${count}` }).click();
    await expect.poll(() => app.service.labelCounts()).toEqual([{ label: 'lassoed', count }]);
    const labelled = app.service.labelled('lassoed').map((o) => o.id);
    expect(labelled.filter((id) => !either.has(id)).sort((a, b) => a - b)).toEqual([...expected].sort((a, b) => a - b));
  });

  it('draws the on-screen objects as thumbnails when zoomed in, loading only those', async () => {
    const { page } = app;
    const box = (await page.getByTestId('map-view').boundingBox())!;
    // Zoom in around the object nearest the middle of the map, one wheel step at a time,
    // stopping at the first view drawn with thumbnails (so every request is for this view).
    const positions = await screenPositions();
    const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
    const target = positions.reduce(
      (best, p) =>
        p && (!best || Math.hypot(p[0] - cx, p[1] - cy) < Math.hypot(best[0] - cx, best[1] - cy)) ? p : best,
      null as [number, number] | null,
    )!;
    await page.mouse.move(...target);
    for (let step = 0; step < 20 && (await probe((p) => p.mapMode)) !== 'thumbnails'; step++) {
      await page.mouse.wheel(0, -120);
      await page.waitForTimeout(150);
    }
    expect(await probe((p) => p.mapMode)).toBe('thumbnails');
    await expect.poll(() => probe((p) => p.thumbnailRequests), { timeout: 30_000 }).toBeGreaterThan(0);
    expect((await probe((p) => p.mapLayers)).some((id) => id.startsWith('thumbs-'))).toBe(true);

    // Every object on screen is asked for (in batches, a couple at a time), and none off screen.
    const now = await screenPositions();
    const ids = [...app.service.mapData().ids];
    const onScreen = (pos: [number, number] | null, margin: number) =>
      !!pos &&
      pos[0] >= box.x - margin &&
      pos[0] <= box.x + box.width + margin &&
      pos[1] >= box.y - margin &&
      pos[1] <= box.y + box.height + margin;
    const visible = now.filter((pos) => onScreen(pos, -2)).length;
    expect(visible).toBeGreaterThan(0);
    await expect
      .poll(async () => new Set(await probe((p) => p.thumbnailRequestedIds)).size, { timeout: 30_000 })
      .toBeGreaterThanOrEqual(visible);
    const requested = await probe((p) => p.thumbnailRequestedIds);
    for (const id of requested) expect(onScreen(now[ids.indexOf(id)], 2)).toBe(true);
    expect(new Set(requested).size).toBeLessThan(OBJECTS);

    // Every visible object with a thumbnail gets drawn once the atlases are in.
    await expect.poll(() => probe((p) => p.thumbnailsDrawn), { timeout: 30_000 }).toBeGreaterThanOrEqual(visible - 2);
    await page.waitForTimeout(300);
    const shot = await screenshot(page, 'map-thumbnails');
    expect(await nonBackgroundPixels(shot)).toBeGreaterThan(2000);
  });

  it('shows a density view when zoomed far out, with labelled and queued objects drawn on top', async () => {
    const { page } = app;
    const box = (await page.getByTestId('map-view').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let step = 0; step < 40 && (await probe((p) => p.mapMode)) !== 'density'; step++) {
      await page.mouse.wheel(0, 120);
      await page.waitForTimeout(120);
    }
    expect(await probe((p) => p.mapMode)).toBe('density');
    const layers = await probe((p) => p.mapLayers);
    expect(layers).toContain('density');
    expect(layers).toContain('marked');
    expect(layers).not.toContain('points');
    expect(layers.some((id) => id.startsWith('thumbs-'))).toBe(false);
    // Nothing more is asked for once thumbnails are gone: what was still out is cancelled.
    const requests = await probe((p) => p.thumbnailRequests);
    const marked = (await probe((p) => p.mapMarked))!;
    expect(marked.labelled).toBeGreaterThan(0);
    expect(marked.queued).toBeGreaterThan(0);
    const marks = await page
      .getByTestId('legend-marks')
      .locator('[data-mark]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-mark')));
    expect(marks).toEqual(['queued', 'labelled']);
    await page.waitForTimeout(300);
    expect(await probe((p) => p.thumbnailRequests)).toBe(requests);
    const shot = await screenshot(page, 'map-density');
    expect(await nonBackgroundPixels(shot)).toBeGreaterThan(500);
    // Fitting the view again brings the points back.
    await page.getByRole('button', { name: 'Fit' }).click();
    await expect.poll(() => probe((p) => p.mapMode)).toBe('points');
  });

  it('logged no errors in the page', () => {
    expect(consoleErrors).toEqual([]);
  });
});
