// Shared set-up of the end-to-end tests: a demo workspace served in browser mode from the
// built renderer (dist/renderer), and Debian's Chromium driven by playwright-core.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import sharp from 'sharp';
import { expect } from 'vitest';
import { SerendipService } from '../../electron/core/api/serendip-service.js';
import { startBrowserServer, type BrowserServer } from '../../electron/server/browser-server.js';
import { defaultRendererDir } from '../../electron/server/static-files.js';

export const CHROMIUM = process.env.SERENDIP_CHROMIUM ?? '/usr/bin/chromium';
/** Where the end-to-end tests leave their screenshots, to look at after a run (see its README.md). */
export const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), 'screenshots');

/** Headless Chromium with WebGL on SwiftShader (no GPU here), no network chatter. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--use-gl=angle',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
];

/** Why the e2e suite cannot run here, or null when it can. */
export function e2eUnavailable(): string | null {
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (apt-get install chromium, or set SERENDIP_CHROMIUM)`;
  if (!existsSync(join(defaultRendererDir(), 'index.html'))) return 'the renderer is not built (npm run build)';
  return null;
}

export interface AppUnderTest {
  dir: string;
  service: SerendipService;
  server: BrowserServer;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/**
 * A workspace in a fresh temporary folder served to a fresh Chromium page. `prepare`: how many demo objects to make,
 * or what to put in the workspace (given the temporary folder, for its own files) before the server starts.
 */
export async function startApp(
  prepare: number | ((service: SerendipService, dir: string) => Promise<void>),
  page: { width?: number; height?: number; deviceScaleFactor?: number } = {},
): Promise<AppUnderTest> {
  const dir = mkdtempSync(join(tmpdir(), 'serendip-e2e-'));
  const service = SerendipService.open(join(dir, 'ws'), { create: true, interactive: true });
  if (typeof prepare === 'number') await service.demo({ objects: prepare });
  else await prepare(service, dir);
  const server = await startBrowserServer(service);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] });
  const { width = 1400, height = 860, deviceScaleFactor } = page;
  const opened = await browser.newPage({ viewport: { width, height }, deviceScaleFactor });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    dir,
    service,
    server,
    browser,
    page: opened,
    async close() {
      await browser.close().catch(() => {});
      await service.jobRunner.dispose();
      await server.close();
      service.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Focuses the top bar's object search with its key, once the app has drawn it. `/` pressed before the box's key
 * listener exists is lost, and the text typed next reaches the app's own keys instead ("2" opens the queue): on a
 * loaded machine the page's load event can come before React mounts.
 */
export async function focusObjectSearch(page: Page): Promise<void> {
  const search = page.getByTestId('object-search');
  await search.waitFor();
  const focused = () => search.evaluate((el) => el.matches(':focus'));
  await expect
    .poll(async () => {
      if (!(await focused())) await page.keyboard.press('/');
      return focused();
    })
    .toBe(true);
}

export async function screenshot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** How many pixels of a PNG region differ clearly from its most common colour (the background). */
export async function nonBackgroundPixels(png: Buffer): Promise<number> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const counts = new Map<number, number>();
  for (let i = 0; i < data.length; i += info.channels) {
    const key = ((data[i] >> 3) << 10) | ((data[i + 1] >> 3) << 5) | (data[i + 2] >> 3);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const background = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
  const bg = [(background >> 10) << 3, ((background >> 5) & 31) << 3, (background & 31) << 3];
  let different = 0;
  for (let i = 0; i < data.length; i += info.channels) {
    if (Math.abs(data[i] - bg[0]) + Math.abs(data[i + 1] - bg[1]) + Math.abs(data[i + 2] - bg[2]) > 60) different++;
  }
  return different;
}

export function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)];
}

/**
 * Waits until `expression` is truthy in the page. Polled with page.evaluate, because
 * page.waitForFunction compiles its string inside the page, which the app's CSP forbids
 * (it works only when the condition happens to be true at the first try).
 */
export async function waitInPage(page: Page, expression: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await page.evaluate(expression)) return;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting in the page for: ${expression.slice(0, 200)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Screen positions (page px) of map rows (all of them when `rows` is left out), as the app
 * projects them. Waits while the probe answers null: right after the map is resized (the
 * inspector opened or closed) deck.gl holds the old viewport until its next frame, and a
 * click at a position taken from it would land beside the point.
 */
export async function screenPositions(page: Page, rows?: number[], timeoutMs = 10_000): Promise<[number, number][]> {
  const which = rows ? `[${rows.join(',')}]` : 'Array.from({ length: window.__serendipProbe.mapPoints }, (_, i) => i)';
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const positions = (await page.evaluate(`${which}.map((row) => window.__serendipProbe.screenPositionOf(row))`)) as (
      [number, number] | null
    )[];
    if (positions.length > 0 && positions.every((p) => p !== null)) return positions as [number, number][];
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for the map's screen positions`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function screenPositionOf(page: Page, row: number): Promise<[number, number]> {
  return (await screenPositions(page, [row]))[0];
}

/** Draws a lasso on the map through the `l` key and the mouse: down at the first vertex, along the rest, closed. */
export async function drawLasso(page: Page, polygon: [number, number][], stepsPerEdge = 10): Promise<void> {
  await page.keyboard.press('l');
  await page.getByTestId('lasso-select').waitFor();
  await page.mouse.move(...polygon[0]);
  await page.mouse.down();
  for (const vertex of [...polygon.slice(1), polygon[0]]) await page.mouse.move(...vertex, { steps: stepsPerEdge });
  await page.mouse.up();
}

/** Opens the app's page, collecting console errors and page errors into `errors`, and waits for the map's frames. */
export async function openMap(app: AppUnderTest, errors: string[]): Promise<void> {
  app.page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  app.page.on('pageerror', (e) => errors.push(e.message));
  await app.page.goto(app.server.url);
  await waitInPage(
    app.page,
    '(window.__serendipProbe?.mapPoints ?? 0) > 0 && (window.__serendipProbe?.mapFrames ?? 0) > 1',
  );
}
