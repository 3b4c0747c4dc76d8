// The queue's keypress → paint time with 424 px images, in Chromium over browser mode: a
// workspace of 424 × 424 PNGs (ingested, embedded, ranked), the queue opened, then keys at a
// labelling pace and keys faster than the prefetch can follow. Each key labels (l, "lens"), as a
// user does: a skipped object would come back in the queue's next batch. Prints the median and p95 of
// keypress → start of the frame that shows the next object (the page's own figure,
// probe().queueLatencies), and how often that frame showed the 424 px preview rather than its
// thumbnail stand-in. Needs Chromium and a built renderer; skips with a message without them.
//   SERENDIP_BENCH_QUEUE_PAINT_KEYS=50   keys per pass
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { SerendipService } from '../../electron/core/api/serendip-service.js';
import { startBrowserServer } from '../../electron/server/browser-server.js';
import { CHROMIUM, CHROMIUM_ARGS, e2eUnavailable } from '../e2e/browser-harness.js';
import { writePngFolder } from '../helpers/png-folder.js';
import { benchScratchDir, printFigure, printHeading } from './bench-util.js';

const SIDE = 424;
const OBJECTS = 160;
/** Pauses between keys: a brisk labeller, and a hand on the arrow key. */
const PACES_MS = [400, 40];

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** The probe's latencies, emptied (in-page code is text: the Node build has no DOM types). */
const CLEAR_LATENCIES =
  'window.__serendipProbe.queueLatencies.length = 0; window.__serendipProbe.queueCommitLatencies.length = 0';

/** Once the page has timed `count` keys: what the frame after the last commit showed (preview, thumb or none). */
const shownAfter = (count: number) => `(async () => {
  const until = performance.now() + 5000;
  while (window.__serendipProbe.queueLatencies.length < ${count}) {
    if (performance.now() > until) return 'no frame';
    await new Promise((r) => setTimeout(r, 1));
  }
  const img = document.querySelector('[data-testid="queue-image"]');
  return img && img.complete && img.naturalWidth > 0 ? img.dataset.kind : 'none';
})()`;

async function pass(page: Page, keys: number, paceMs: number): Promise<void> {
  await page.evaluate(CLEAR_LATENCIES);
  const shown = new Map<string, number>();
  for (let k = 0; k < keys; k++) {
    await page.keyboard.press('l');
    const kind = (await page.evaluate(shownAfter(k + 1 - (shown.get('no frame') ?? 0)))) as string;
    shown.set(kind, (shown.get(kind) ?? 0) + 1);
    await page.waitForTimeout(paceMs);
  }
  const { paint, commit } = (await page.evaluate(
    '({ paint: window.__serendipProbe.queueLatencies, commit: window.__serendipProbe.queueCommitLatencies })',
  )) as { paint: number[]; commit: number[] };
  const pace = `${paceMs} ms between keys`;
  printFigure(`keypress → paint, median (${pace})`, quantile(paint, 0.5), 'ms');
  printFigure(`keypress → paint, p95 (${pace})`, quantile(paint, 0.95), 'ms');
  printFigure(`keypress → DOM commit, p95 (${pace})`, quantile(commit, 0.95), 'ms');
  const counts = [...shown].map(([kind, n]) => `${kind} ${n}`).join(', ');
  printFigure(`what the frame showed (${pace})`, `${counts} (of ${keys})`);
}

export async function run(): Promise<void> {
  printHeading(`queue: keypress → paint of a ${SIDE} px object in Chromium (browser mode)`);
  const unavailable = e2eUnavailable();
  if (unavailable) {
    console.log(`  skipped: ${unavailable}`);
    return;
  }
  const keys = Number(process.env.SERENDIP_BENCH_QUEUE_PAINT_KEYS ?? 50);
  const { dir, dispose } = benchScratchDir('queue-paint');
  const service = SerendipService.open(join(dir, 'ws'), { create: true });
  const server = await (async () => {
    const data = join(dir, 'data');
    mkdirSync(data);
    await writePngFolder(data, OBJECTS, SIDE);
    await service.ingest({ paths: [data] });
    await service.embed({ method: 'features' });
    await service.rank({});
    return startBrowserServer(service);
  })();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Queue', exact: true }).click();
    await page.locator('[data-testid="queue-image"][data-kind="preview"]').waitFor({ timeout: 60_000 });
    const shown = (await page.evaluate(`(() => {
      const img = document.querySelector('[data-testid="queue-image"]');
      return { natural: img.naturalWidth, css: img.getBoundingClientRect().width };
    })()`)) as { natural: number; css: number };
    printFigure('object on screen: image px, CSS px', `${shown.natural}, ${shown.css}`);
    for (const pace of PACES_MS) await pass(page, keys, pace);
  } finally {
    await browser.close().catch(() => {});
    await service.jobRunner.dispose();
    await server.close();
    service.close();
    dispose();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await run();
