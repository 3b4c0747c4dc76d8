// Ingest results in the app, in Chromium over browser mode: a workspace made from a folder of
// good PNGs, a damaged FITS and a sloppy one ends its ingest with its counts and as done with
// problems; an unsupported file named explicitly fails too; the top bar counts the problem
// files and the Problems panel lists each with its reason, filters them and exports them as CSV.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../electron/core/formats/tables/csv.js';
import { WorkspaceHub } from '../../electron/core/session/workspace-hub.js';
import { RecentWorkspaces } from '../../electron/core/workspace/recent-workspaces.js';
import { startBrowserServer, type BrowserServer } from '../../electron/server/browser-server.js';
import { encodeFitsImageWithRawCards } from '../helpers/fits-fixtures.js';
import { writePngFolder } from '../helpers/png-folder.js';
import { CHROMIUM, CHROMIUM_ARGS, e2eUnavailable, screenshot } from './browser-harness.js';

const unavailable = e2eUnavailable();
const PNGS = 6;
const image = { shape: [32, 32], bitpix: -32 as const, data: Float32Array.from({ length: 1024 }, (_, i) => i % 7) };

let dir: string;
let folder: string;
let broken: string;
let sloppy: string;
let unsupported: string;
let hub: WorkspaceHub;
let server: BrowserServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

const rowTexts = (page: Page) =>
  page
    .getByTestId('problem')
    .evaluateAll((els) =>
      els.map((e) => `${e.getAttribute('data-kind')} ${e.querySelector('.problem-path')?.textContent}`),
    );

describe.skipIf(unavailable !== null)('ingest problems in Chromium', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'serendip-problems-'));
    folder = join(dir, 'survey');
    await writePngFolder(folder, PNGS);
    // Cut inside its data: the header promises more bytes than the file holds.
    broken = join(folder, 'broken.fits');
    const whole = encodeFitsImageWithRawCards(image, ["OBJECT  = 'NGC 1'"]);
    writeFileSync(broken, whole.subarray(0, 2880 + 1000));
    sloppy = join(folder, 'sloppy.fits');
    writeFileSync(sloppy, encodeFitsImageWithRawCards(image, ["object  = 'NGC 2'"]));
    mkdirSync(join(dir, 'elsewhere'));
    unsupported = join(dir, 'elsewhere', 'observing-notes.docx');
    writeFileSync(unsupported, 'not an image');

    hub = new WorkspaceHub({
      recent: RecentWorkspaces.inUserData(join(dir, 'home')),
      demoDir: join(dir, 'demo'),
      workspacesDir: join(dir, 'workspaces'),
    });
    await hub.openWorkspace({ path: join(dir, 'empty'), create: true });
    server = await startBrowserServer(hub);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(server.url);
    await page.getByTestId('open-chooser').waitFor();
  });
  afterAll(async () => {
    await browser?.close().catch(() => {});
    await server?.close();
    await hub?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('ends the new workspace’s ingest with its counts, done with problems', async () => {
    // A clean workspace has nothing to show.
    expect(await page.getByTestId('open-problems').count()).toBe(0);
    await page.getByTestId('open-chooser').click();
    const chooser = page.getByTestId('workspace-chooser');
    await chooser.getByLabel('Folder of images or spectra').fill(folder);
    await chooser.getByRole('button', { name: 'Create' }).click();
    await chooser
      .locator('[data-testid="chooser-job"][data-method="map"][data-state="done"]')
      .waitFor({ timeout: 90_000 });
    const ingest = chooser.locator('[data-testid="chooser-job"][data-method="ingest"]');
    expect(await ingest.getAttribute('data-state')).toBe('done');
    expect(await ingest.getAttribute('class')).toContain('problems');
    expect(await ingest.locator('.job-stage').textContent()).toBe(`done: ${PNGS + 1} added, 1 failed, 1 with warnings`);
    // Later steps that read everything they were given are plain done.
    expect(await chooser.locator('[data-testid="chooser-job"][data-method="embed"]').getAttribute('class')).toBe(
      'job done',
    );
    expect(await ingest.getByTestId('chooser-job-problems').isVisible()).toBe(true);
    // The recent list follows the new workspace's counts as its jobs end.
    const entry = chooser.locator(`[data-path="${join(dir, 'workspaces', 'survey')}"]`);
    await expect.poll(() => entry.textContent()).toContain(`${PNGS + 1} objects · 2 problems`);
    await screenshot(page, 'problems-chooser');

    await page.keyboard.press('Escape');
    await chooser.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('open-problems').textContent()).toBe('Problems (2)');
  });

  it('adds a failed explicit file to the jobs strip and the top bar count', async () => {
    hub.service!.startJob('ingest', [{ paths: [unsupported] }]);
    const job = page.locator('[data-testid="job"][data-method="ingest"][data-problems="1"]');
    await job.waitFor({ timeout: 30_000 });
    expect(await job.locator('.job-stage').textContent()).toBe('done: 0 added, 1 failed');
    await expect.poll(() => page.getByTestId('open-problems').textContent()).toBe('Problems (3)');
    await screenshot(page, 'problems-jobs');
  });

  it('lists each problem file with its reason, filters them, and exports them as CSV', async () => {
    await page.locator('[data-testid="job"][data-problems="1"]').getByTestId('job-problems').click();
    const panel = page.getByTestId('problems-panel');
    await panel.getByTestId('problem').first().waitFor();
    // Failed files first, by path; then the files read with warnings.
    expect(await rowTexts(page)).toEqual([`error ${unsupported}`, `error ${broken}`, `warning ${sloppy}`]);
    const reasons = new Map(hub.service!.errors().map((e) => [e.path, e.reason]));
    const brokenRow = panel.getByTestId('problem').nth(1);
    expect(reasons.get(broken)).toMatch(/^the file is truncated/);
    expect(await brokenRow.locator('.problem-messages').textContent()).toBe(reasons.get(broken));
    expect(reasons.get(unsupported)).toMatch(/^unsupported file type/);
    expect(await panel.getByTestId('problems-summary').textContent()).toBe(
      '2 files failed to ingest, 1 was read with warnings.',
    );
    await screenshot(page, 'problems-panel');

    await panel.getByLabel('Filter problems').fill('BROKEN');
    await expect.poll(() => rowTexts(page)).toEqual([`error ${broken}`]);
    await screenshot(page, 'problems-filtered');
    await panel.getByLabel('Filter problems').fill('');
    await panel.getByLabel('Kind').selectOption('warning');
    await expect.poll(() => rowTexts(page)).toEqual([`warning ${sloppy}`]);
    expect(await panel.locator('.problem-messages').textContent()).toContain("keyword 'object' is not upper case");

    await panel.getByLabel('Kind').selectOption('all');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('survey-problems.csv');
    const csv = parseCsv(readFileSync(await download.path(), 'utf8'));
    expect(csv.columns).toEqual(['path', 'kind', 'reason']);
    expect(csv.rows.slice(0, 2)).toEqual([
      [unsupported, 'error', reasons.get(unsupported)],
      [broken, 'error', reasons.get(broken)],
    ]);
    expect(csv.rows.slice(2).map((r) => r.slice(0, 2))).toEqual(hub.service!.warnings().map(() => [sloppy, 'warning']));
    expect(csv.rows.slice(2).map((r) => r[2])).toEqual(hub.service!.warnings().map((w) => w.message));
  });

  it('opens with its key, and the chooser shows the workspace’s objects and problems', async () => {
    await page.keyboard.press('Escape');
    await page.getByTestId('problems-panel').waitFor({ state: 'detached' });
    await page.keyboard.press('!');
    await page.getByTestId('problems-panel').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('problems-panel').waitFor({ state: 'detached' });

    await page.getByTestId('open-chooser').click();
    const entry = page.locator(`[data-path="${join(dir, 'workspaces', 'survey')}"]`);
    await entry.waitFor();
    expect(await entry.textContent()).toContain(`${PNGS + 1} objects · 3 problems`);
    await screenshot(page, 'problems-recent');
    expect(pageErrors).toEqual([]);
  });
});
