// A 100,000-point map in Chromium (software GL): the time from its data to its first
// frame, and a label given to a box selection reaching the map as a patch of the label
// column, with no second mapData. The map and scores are written straight into the
// workspace; three real (demo) objects sit apart at its left edge, to click and label.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SerendipService } from '../../electron/core/api/serendip-service.js';
import { saveRunArray } from '../../electron/core/discovery/run-arrays.js';
import { finishRun, startRun } from '../../electron/core/workspace/repositories/runs-repo.js';
import type { SerendipProbe } from '../../renderer/src/state/probe-types.js';
import { startBrowserServer, type BrowserServer } from '../../electron/server/browser-server.js';
import { SeededRandom } from '../../electron/core/discovery/seeded-random.js';
import { CHROMIUM, e2eUnavailable, screenPositions, screenshot, waitInPage } from './browser-harness.js';

const unavailable = e2eUnavailable();
const POINTS = Number(process.env.SERENDIP_E2E_MAP_POINTS ?? 100_000);
const REAL = 3;

let dir: string;
let service: SerendipService;
let server: BrowserServer;
let browser: Browser;
let page: Page;
let pageMapDataCalls = 0;

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const probe = <T>(pick: (p: SerendipProbe) => T): Promise<T> =>
  page.evaluate(`(${pick.toString()})(window.__serendipProbe)`) as Promise<T>;

/** A UMAP-like 2-D layout (blobs of varied size and spread), and a score that grows away from each blob's middle. */
function blobs(count: number): { xy: Float32Array; scores: Float32Array } {
  const random = new SeededRandom(3);
  const centres = Array.from({ length: 30 }, () => ({
    x: 40 * random.nextFloat(),
    y: 28 * random.nextFloat(),
    sx: 0.3 + 1.2 * random.nextFloat(),
    sy: 0.3 + 1.2 * random.nextFloat(),
    weight: Math.exp(random.nextGaussian()),
  }));
  const total = centres.reduce((s, c) => s + c.weight, 0);
  const xy = new Float32Array(count * 2);
  const scores = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    let pick = random.nextFloat() * total;
    const c = centres.find((b) => (pick -= b.weight) <= 0) ?? centres[0];
    const [u, v] = [random.nextGaussian(), random.nextGaussian()];
    xy[2 * i] = c.x + c.sx * u;
    xy[2 * i + 1] = c.y + c.sy * v;
    scores[i] = Math.hypot(u, v);
  }
  return { xy, scores };
}

/** A map run of POINTS points (ids 1..POINTS) and a score run over them. */
async function writeSyntheticMap(): Promise<void> {
  const { xy, scores } = blobs(POINTS);
  let minX = Infinity,
    minY = Infinity,
    maxY = -Infinity;
  for (let i = 0; i < POINTS; i++) {
    minX = Math.min(minX, xy[2 * i]);
    minY = Math.min(minY, xy[2 * i + 1]);
    maxY = Math.max(maxY, xy[2 * i + 1]);
  }
  // The real objects (ids 1..REAL, rows 0..REAL-1): apart from the cloud, so a click finds them.
  for (let k = 0; k < REAL; k++) {
    xy[2 * k] = minX - 1.5;
    xy[2 * k + 1] = minY + ((k + 1) * (maxY - minY)) / (REAL + 1);
  }
  const ids = Float64Array.from({ length: POINTS }, (_, i) => i + 1);
  const db = service.workspace.db;
  const mapRun = startRun(db, { kind: 'map', method: 'umap', params: { synthetic: true } });
  await saveRunArray(service.workspace.paths.maps, mapRun, { data: xy, rows: POINTS, columns: 2, ids });
  finishRun(db, mapRun, 'done');
  const scoreRun = startRun(db, { kind: 'score', method: 'ensemble', params: { synthetic: true } });
  await saveRunArray(service.workspace.paths.scores, scoreRun, { data: scores, rows: POINTS, columns: 1, ids });
  finishRun(db, scoreRun, 'done');
}

describe.skipIf(unavailable !== null)(`a ${POINTS.toLocaleString('en')}-point map in Chromium`, () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'serendip-scale-'));
    service = SerendipService.open(join(dir, 'ws'), { create: true });
    await service.demo({ objects: REAL });
    await writeSyntheticMap();
    const mapData = service.mapData.bind(service);
    service.mapData = () => {
      pageMapDataCalls++;
      return mapData();
    };
    server = await startBrowserServer(service);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu-sandbox',
        '--no-first-run',
        '--disable-background-networking',
        '--use-gl=angle',
        '--use-angle=swiftshader',
        '--enable-unsafe-swiftshader',
        '--ignore-gpu-blocklist',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  }, 180_000);
  afterAll(async () => {
    await browser?.close().catch(() => {});
    await server?.close();
    service?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('draws every point, and reports the time to the first frame', async () => {
    await page.goto(server.url);
    await waitInPage(
      page,
      `(window.__serendipProbe?.mapPoints ?? 0) === ${POINTS} && window.__serendipProbe?.mapFirstFrameMs !== null`,
      120_000,
    );
    expect(await probe((p) => p.mapMode)).toBe('points');
    const firstFrame = (await probe((p) => p.mapFirstFrameMs))!;
    console.log(`e2e: map of ${POINTS} points, first frame ${firstFrame.toFixed(0)} ms (SwiftShader)`);
    await screenshot(page, 'map-100k');
  });

  it('shows a label given to a box selection by patching the label column, not by fetching the map again', async () => {
    const mapLoads = pageMapDataCalls;
    // A box around the three real objects, apart at the map's left edge. (A drag, not a
    // click: with software GL a frame takes long enough to spoil deck.gl's tap gesture.)
    const corners = await screenPositions(page, range(REAL));
    const xs = corners.map((c) => c[0]),
      ys = corners.map((c) => c[1]);
    await page.keyboard.press('b');
    await page.mouse.move(Math.min(...xs) - 12, Math.min(...ys) - 12);
    await page.mouse.down();
    await page.mouse.move(Math.max(...xs) + 12, Math.max(...ys) + 12, { steps: 5 });
    await page.mouse.up();
    const bar = page.getByTestId('selection-bar');
    await bar.waitFor({ timeout: 60_000 });
    expect(await bar.locator('span').first().textContent()).toBe(`${REAL} selected`);
    await bar.getByLabel('label for the set').fill('lens');
    const started = Date.now();
    await bar.getByRole('button', { name: `Label ${REAL}` }).click();
    await waitInPage(page, `(window.__serendipProbe?.mapMarked?.labelled ?? 0) === ${REAL}`, 60_000);
    console.log(
      `e2e: label of ${REAL} objects on a ${POINTS}-point map → drawn on the map in ` +
        `${Date.now() - started} ms (label column patch)`,
    );
    expect(pageMapDataCalls).toBe(mapLoads);
    expect(service.labelCounts()).toEqual([{ label: 'lens', count: REAL }]);
    await page.getByTestId('colour-by').selectOption('label');
    await expect
      .poll(() => page.locator('.legend-entry .legend-name').first().textContent(), { timeout: 60_000 })
      .toBe('lens');
    expect(pageMapDataCalls).toBe(mapLoads);
    await screenshot(page, 'map-100k-labelled');
  });
});
