// The app in Chromium over browser mode, as a user drives it: compute the pipeline from a
// fresh demo workspace, explore the map, inspect, label from the queue with the keyboard,
// undo, browse the gallery, export, and be refused without the token. Label changes reach
// the map as label-column patches: the page never fetches mapData again for them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SerendipProbe } from '../../renderer/src/state/probe-types.js';
import type { MapData } from '../../electron/core/api/view-types.js';
import {
  e2eUnavailable,
  nonBackgroundPixels,
  p95,
  screenPositionOf,
  screenPositions,
  screenshot,
  startApp,
  waitInPage,
  type AppUnderTest,
} from './browser-harness.js';

const unavailable = e2eUnavailable();
if (unavailable) console.warn(`Skipping the end-to-end suite: ${unavailable}`);

const OBJECTS = 200;
let app: AppUnderTest;
const consoleErrors: string[] = [];
/** mapData calls that came from the page (the test reads the map through `mapData()`, uncounted). */
let pageMapDataCalls = 0;
let mapData: () => MapData;

const probe = <T>(pick: (p: SerendipProbe) => T): Promise<T> =>
  app.page.evaluate(`(${pick.toString()})(window.__serendipProbe)`) as Promise<T>;

describe.skipIf(unavailable !== null)('the app in Chromium (browser mode)', () => {
  beforeAll(async () => {
    app = await startApp(OBJECTS);
    mapData = app.service.mapData.bind(app.service);
    app.service.mapData = () => {
      pageMapDataCalls++;
      return mapData();
    };
    app.page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    app.page.on('pageerror', (e) => consoleErrors.push(e.message));
    await app.page.goto(app.server.url);
  });
  afterAll(async () => app?.close());

  it('offers the pipeline on a fresh workspace and runs it as three jobs with progress', async () => {
    const { page } = app;
    const button = page.getByRole('button', { name: 'Compute embedding + anomaly ranking + map' });
    await button.click();
    await page.locator('[data-testid="job"][data-method="embed"]').waitFor();
    await page.locator('[data-testid="job"][data-method="map"][data-state="done"]').waitFor({ timeout: 90_000 });
    const states = await page
      .locator('[data-testid="job"]')
      .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-method')}:${e.getAttribute('data-state')}`));
    expect(states).toEqual(['embed:done', 'rank:done', 'map:done']);
    expect(app.service.jobs().every((j) => j.state === 'done')).toBe(true);
    await page.getByRole('button', { name: /Compute embedding/ }).waitFor({ state: 'detached' });
  });

  it('draws every object on the map', async () => {
    const { page } = app;
    await waitInPage(
      page,
      '(window.__serendipProbe?.mapPoints ?? 0) > 0 && (window.__serendipProbe?.mapFrames ?? 0) > 1',
    );
    expect(await probe((p) => p.mapPoints)).toBe(OBJECTS);
    const map = page.getByTestId('map-view');
    const drawn = await nonBackgroundPixels(await map.screenshot());
    // 200 points of a few pixels each: hundreds of coloured pixels, not an empty canvas.
    expect(drawn).toBeGreaterThan(OBJECTS * 3);
    await screenshot(page, 'map-by-score');
    console.log(
      `e2e: map of ${OBJECTS} points, first frame ` +
        `${(await probe((p) => p.mapFirstFrameMs))?.toFixed(0)} ms (SwiftShader)`,
    );
  });

  it('shows a thumbnail tooltip on hover and the inspector with neighbours on click', async () => {
    const { page } = app;
    const index = 17;
    const [x, y] = await screenPositionOf(page, index);
    const id = (await probe((p) => p.idAt(17)))!;
    const name = app.service.objectDetails(id).name;
    await page.mouse.move(x, y);
    await page.getByTestId('map-tooltip').getByText(name).waitFor();
    await screenshot(page, 'map-tooltip');
    await page.mouse.click(x, y);
    await expect.poll(() => page.getByTestId('inspector-name').textContent()).toBe(name);
    expect(await probe((p) => p.selectedId)).toBe(id);
    await page.locator('[data-testid="similar"] img').first().waitFor();
    expect(await page.locator('[data-testid="similar"] img').count()).toBeGreaterThanOrEqual(5);
    await screenshot(page, 'inspector');
  });

  it('draws FITS pixels with a stretch in the inspector', async () => {
    const { page } = app;
    await page.keyboard.press('Escape');
    await page.getByTestId('inspector').waitFor({ state: 'detached' });
    // A FITS object the mouse can reach: the map's canvas is what lies at its position (not
    // the toolbar or the legend) and no other point is within 8 px.
    const ids = [...mapData().ids];
    const positions = await screenPositions(page);
    const onCanvas = (await page.evaluate(
      `${JSON.stringify(positions)}.map(([x, y]) => document.elementFromPoint(x, y)?.tagName ` +
        `=== 'CANVAS' && !!document.elementFromPoint(x, y).closest('[data-testid="map-view"]'))`,
    )) as boolean[];
    const apart = (row: number) =>
      positions.every(([x, y], other) => other === row || Math.hypot(x - positions[row][0], y - positions[row][1]) > 8);
    const index = ids.findIndex(
      (id, row) => app.service.objectDetails(id).path.endsWith('.fits') && onCanvas[row] && apart(row),
    );
    expect(index).toBeGreaterThanOrEqual(0);
    const fits = ids[index];
    // Hover first and let the tooltip's frame be drawn: under load a software-GL frame between
    // the press and the release outlasts deck.gl's tap gesture, and the click would pick nothing.
    const [x, y] = positions[index];
    await page.mouse.move(x, y);
    await page.getByTestId('map-tooltip').getByText(app.service.objectDetails(fits).name).waitFor();
    await page.mouse.click(x, y);
    await expect.poll(() => probe((p) => p.selectedId)).toBe(fits);
    const canvas = page.locator('[data-testid="pixel-view"] canvas');
    await canvas.waitFor();
    // The stretched pixels are drawn: a good part of the canvas is not black.
    await waitInPage(
      page,
      `(() => {
      const c = document.querySelector('[data-testid="pixel-view"] canvas');
      if (!c) return false;
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let lit = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] + d[i + 1] + d[i + 2] > 30) lit++;
      return lit > d.length / 40;
    })()`,
    );
    await page.getByLabel('stretch').selectOption('zscale');
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => page.locator('.readout').textContent()).toMatch(/^x \d+ y \d+ · /);
    await screenshot(page, 'inspector-fits');
  });

  it('colours the map by label with a legend, and labels a box selection', async () => {
    const { page } = app;
    await page.keyboard.press('Escape');
    await page.getByTestId('colour-by').selectOption('label');
    await expect.poll(() => page.locator('.legend-title').textContent()).toBe('label');
    const box = (await page.getByTestId('map-view').boundingBox())!;
    await page.keyboard.press('b');
    await page.mouse.move(box.x + 5, box.y + 60);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    const bar = page.getByTestId('selection-bar');
    await bar.waitFor();
    const selected = Number((await bar.locator('span').first().textContent())!.split(' ')[0]);
    expect(selected).toBeGreaterThan(0);
    const mapLoads = pageMapDataCalls;
    await bar.getByLabel('label for the set').fill('boxed');
    await bar.getByRole('button', { name: `Label ${selected}` }).click();
    await expect.poll(() => app.service.labelCounts()).toEqual([{ label: 'boxed', count: selected }]);
    await expect.poll(() => page.locator('.legend-entry .legend-name').first().textContent()).toBe('boxed');
    await expect.poll(() => probe((p) => p.mapMarked?.labelled)).toBe(selected);
    // The label column was patched; the map itself was not fetched again.
    expect(pageMapDataCalls).toBe(mapLoads);
    await screenshot(page, 'map-by-label');
    // Back to a clean slate for the queue test's exact counts.
    for (const { name } of app.service.labelled('boxed')) app.service.clearLabel(name);
  });

  it('lists the keyboard shortcuts on ?, the label keys among them, and Esc closes the list', async () => {
    const { page } = app;
    await page.keyboard.press('Escape');
    await page.keyboard.press('?');
    const help = page.getByTestId('help');
    await expect.poll(() => help.textContent()).toContain('queue: label “lens”');
    expect(await help.textContent()).toContain('map: lasso selection');
    await screenshot(page, 'help');
    await page.keyboard.press('Escape');
    await expect.poll(() => help.count()).toBe(0);
  });

  it('labels nine objects from the queue and rates one 0 (a relevance, no label), and z undoes the last', async () => {
    const { page } = app;
    await page.keyboard.press('Escape');
    await page.keyboard.press('2');
    await page.getByTestId('queue-name').waitFor();
    const keys = ['l', 'l', 'l', 'm', 'm', 'r', 'i', 'a', '0', 'l'];
    const named: string[] = [];
    for (const key of keys) {
      const name = (await page.getByTestId('queue-name').textContent())!;
      named.push(name);
      await page.keyboard.press(key);
      await expect.poll(() => page.getByTestId('queue-name').textContent()).not.toBe(name);
    }
    await expect.poll(() => app.service.objectDetails(idOf(named[9])).label).toBe('lens');
    // The 0 made no label: nine labels for ten keys, and object 8 carries only its relevance.
    expect(app.service.labelCounts().reduce((s, c) => s + c.count, 0)).toBe(9);
    expect(app.service.status().labels).toBe(9);
    expect(app.service.objectDetails(idOf(named[0])).label).toBe('lens');
    expect(app.service.objectDetails(idOf(named[8]))).toMatchObject({ label: null, relevance: 0 });
    await expect.poll(() => page.locator('.queue-bar .counter').last().textContent()).toContain('relevance 0 1');
    expect(await page.getByTestId('queue-counter').textContent()).toMatch(/^9 labelled, 1 rated this session/);
    await screenshot(page, 'queue');
    // Back to the rated object: the queue shows the relevance it was given.
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.getByTestId('queue-name').textContent()).toBe(named[8]);
    expect(await page.getByTestId('queue-given').textContent()).toBe('yours: relevance 0');
    await screenshot(page, 'queue-rated');
    await page.keyboard.press('z');
    await expect.poll(() => app.service.objectDetails(idOf(named[9])).label).toBeNull();
    await expect.poll(() => page.getByTestId('queue-name').textContent()).toBe(named[9]);
    expect(app.service.labelCounts()).toEqual([
      { label: 'lens', count: 3 },
      { label: 'merger', count: 2 },
      { label: 'artefact', count: 1 },
      { label: 'interesting', count: 1 },
      { label: 'ring', count: 1 },
    ]);
    const latencies = await probe((p) => p.queueLatencies);
    expect(latencies.length).toBe(10);
    const commits = await probe((p) => p.queueCommitLatencies);
    console.log(
      `e2e: queue keypress → next object in the DOM: p95 ${p95(commits).toFixed(1)} ms; → ` +
        `next frame: p95 ${p95(latencies).toFixed(1)} ms (${latencies.length} keys)`,
    );
  });

  it("says what like-labels' number is: the probability an object is like your labels", async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'like-labels', exact: true }).click();
    await expect
      .poll(() => page.getByTestId('queue-ranking').textContent())
      .toMatch(/^probability it is like your labels: [01]\.\d\d$/);
    // The anomaly score stays beside it, as the tooltip and inspector write it.
    await expect.poll(() => page.getByTestId('queue-score').textContent()).toMatch(/^\w+ score \S+ · #\d+ of \d+$/);
    await screenshot(page, 'queue-like-labels');
    // uncertain: the same probability, the object the classifier is least sure of first.
    const uncertain = page.getByRole('button', { name: 'uncertain', exact: true });
    expect(await uncertain.getAttribute('title')).toMatch(/least sure of/);
    await uncertain.click();
    await expect
      .poll(() => page.getByTestId('queue-ranking').textContent())
      .toMatch(/^probability it is like your labels: [01]\.\d\d \(least sure first\)$/);
    const probability = likeness();
    const nearest = Math.min(...Object.values(probability).map((p) => Math.abs(p - 0.5)));
    const first = (await page.getByTestId('queue-name').textContent())!;
    expect(Math.abs(probability[first] - 0.5)).toBe(nearest);
    await screenshot(page, 'queue-uncertain');
    await page.getByRole('button', { name: 'discover', exact: true }).click();
    await expect.poll(() => page.getByTestId('queue-ranking').textContent()).toMatch(/^queue priority /);
  });

  it("shows the queue's labels and its next objects on the map, without fetching the map again", async () => {
    const { page } = app;
    const mapLoads = pageMapDataCalls;
    await page.getByRole('button', { name: 'Map', exact: true }).click();
    await waitInPage(page, '(window.__serendipProbe?.mapMarked?.labelled ?? 0) === 8');
    // The queue view's next objects, ringed on the map with a legend entry.
    expect(await probe((p) => p.mapMarked?.queued)).toBeGreaterThan(0);
    await expect.poll(() => page.locator('[data-mark="queued"]').textContent()).toMatch(/^next in the queue \(\d+\)$/);
    expect(pageMapDataCalls).toBe(mapLoads);
    await screenshot(page, 'map-after-queue');
  });

  it('lists the labelled objects in the gallery, filterable by label', async () => {
    const { page } = app;
    // Digits rate objects in the queue, so the tabs are clicked here.
    await page.getByRole('button', { name: 'Labels', exact: true }).click();
    await expect.poll(() => page.getByTestId('gallery-item').count()).toBe(8);
    // The object rated 0 is no label category: no "rated" tab, and not among the labelled.
    expect(await page.getByRole('button', { name: /^rated/ }).count()).toBe(0);
    await page.getByRole('button', { name: 'lens 3' }).click();
    await expect.poll(() => page.getByTestId('gallery-item').count()).toBe(3);
    await page.getByRole('button', { name: 'all 8' }).click();
    await expect.poll(() => page.getByTestId('gallery-item').count()).toBe(8);
    await screenshot(page, 'gallery');
  });

  it('exports the labelled objects through the export dialog and a job', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Export…' }).click();
    const out = join(app.dir, 'export-e2e');
    await page.getByLabel('export folder').fill(out);
    await screenshot(page, 'export-dialog');
    await page.getByTestId('export-dialog').getByRole('button', { name: 'Export', exact: true }).click();
    await page
      .locator('[data-testid="job"][data-method="exportCollection"][data-state="done"]')
      .waitFor({ timeout: 60_000 });
    const csv = readFileSync(join(out, 'objects.csv'), 'utf8').trim().split('\n');
    // Eight labelled objects and the one rated 0: a rating is kept in the export, with an empty label.
    expect(csv.length).toBe(1 + 9);
    // The dialog ends with the folder it wrote (a browser cannot open it: its path can be copied).
    const dialog = page.getByTestId('export-dialog');
    await expect.poll(() => dialog.getByTestId('export-path').textContent()).toBe(out);
    await dialog.getByTestId('export-copy-path').waitFor();
    await screenshot(page, 'jobs-after-export');
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('gives a negative with Shift and a label key ("not ring"), which like-labels learns from; z undoes', async () => {
    const { page } = app;
    await page.keyboard.press('Escape');
    await page.keyboard.press('2');
    await page.getByTestId('queue-name').waitFor();
    // A ring first, so like-labels has a "ring" to learn; then the next object is "not ring".
    const positive = (await page.getByTestId('queue-name').textContent())!;
    await page.keyboard.press('r');
    await expect.poll(() => page.getByTestId('queue-name').textContent()).not.toBe(positive);
    const name = (await page.getByTestId('queue-name').textContent())!;
    await expect.poll(() => app.service.objectDetails(idOf(positive)).label).toBe('ring');
    const before = { ring: likeness('ring'), interesting: likeness() };
    await page.keyboard.press('Shift+R');
    await expect.poll(() => app.service.objectDetails(idOf(name)).label).toBe('not ring');
    // "not ring" is a counter-example of a ring: what like-labels learns of "ring" changes. It says
    // nothing of whether the object is interesting (as a plain label would), so that ranking stays.
    expect(likeness('ring')).not.toEqual(before.ring);
    expect(likeness()).toEqual(before.interesting);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.getByTestId('queue-given').textContent()).toBe('yours: not ring');
    await screenshot(page, 'queue-negative');
    await page.keyboard.press('z');
    await expect.poll(() => app.service.objectDetails(idOf(name)).label).toBeNull();
  });

  it('refuses pages and API calls without the token', async () => {
    const context = await app.browser.newContext();
    const stranger = await context.newPage();
    const response = await stranger.goto(`http://127.0.0.1:${app.server.port}/`);
    expect(response?.status()).toBe(401);
    const api = await fetch(`http://127.0.0.1:${app.server.port}/api/call`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"method":"status"}',
    });
    expect(api.status).toBe(401);
    await context.close();
  });

  it('logged no errors or CSP violations in the page', () => {
    expect(consoleErrors).toEqual([]);
  });
});

/** like-labels' probabilities by object name: of `label`, or (none) of being interesting. */
function likeness(label?: string): Record<string, number> {
  return Object.fromEntries(app.service.queue({ mode: 'like-labels', label, n: 1000 }).map((h) => [h.name, h.score]));
}

function idOf(name: string): number {
  const ids = mapData().ids;
  for (const id of ids) if (app.service.objectDetails(id).name === name) return id;
  throw new Error(`no object ${name}`);
}
