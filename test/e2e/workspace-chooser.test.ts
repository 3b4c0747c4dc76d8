// The workspace chooser and settings in Chromium over browser mode: make a workspace from
// a folder of PNGs (suggested in the workspaces folder under the folder's name, a catalog
// attached, its jobs' progress in the chooser), see its objects and the catalog's column,
// export them and see where they went, switch back to the first from the recent list, give
// the queue a new label key and label with it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SerendipService } from '../../electron/core/api/serendip-service.js';
import { WorkspaceHub } from '../../electron/core/session/workspace-hub.js';
import { RecentWorkspaces } from '../../electron/core/workspace/recent-workspaces.js';
import { startBrowserServer, type BrowserServer } from '../../electron/server/browser-server.js';
import { writePngFolder } from '../helpers/png-folder.js';
import { CHROMIUM, e2eUnavailable, screenshot, waitInPage } from './browser-harness.js';

const unavailable = e2eUnavailable();
const FIRST_OBJECTS = 60;
const PNGS = 16;

let dir: string;
let first: string;
let pngs: string;
let catalog: string;
let hub: WorkspaceHub;
let server: BrowserServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

const mapPoints = () => page.evaluate('window.__serendipProbe?.mapPoints ?? 0') as Promise<number>;

describe.skipIf(unavailable !== null)('the workspace chooser and settings in Chromium', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'serendip-chooser-'));
    first = join(dir, 'first');
    const service = SerendipService.open(first, { create: true });
    await service.demo({ objects: FIRST_OBJECTS });
    await service.embed({});
    await service.rank({});
    await service.map();
    pngs = join(dir, 'galaxies');
    await writePngFolder(pngs, PNGS);
    catalog = join(dir, 'galaxies-catalog.csv');
    const rows = Array.from({ length: PNGS }, (_, i) => `obj-${String(i).padStart(3, '0')},${(0.05 * i).toFixed(2)}`);
    writeFileSync(catalog, ['name,redshift', ...rows].join('\n') + '\n');
    hub = new WorkspaceHub({
      recent: RecentWorkspaces.inUserData(join(dir, 'home')),
      demoDir: join(dir, 'demo'),
      workspacesDir: join(dir, 'workspaces'),
    });
    await hub.adopt(service);
    server = await startBrowserServer(hub);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu-sandbox',
        '--no-first-run',
        '--use-gl=angle',
        '--use-angle=swiftshader',
        '--enable-unsafe-swiftshader',
        '--ignore-gpu-blocklist',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(server.url);
    await waitInPage(page, `(window.__serendipProbe?.mapPoints ?? 0) === ${FIRST_OBJECTS}`);
  });
  afterAll(async () => {
    await browser?.close().catch(() => {});
    await server?.close();
    await hub?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('makes a workspace from a folder of PNGs and shows its objects', async () => {
    await page.getByTestId('open-chooser').click();
    const chooser = page.getByTestId('workspace-chooser');
    await chooser.locator(`[data-path="${first}"]`).waitFor();
    expect(await chooser.locator(`[data-path="${first}"]`).textContent()).toContain(`${FIRST_OBJECTS} objects`);
    await screenshot(page, 'chooser-start');

    await chooser.getByLabel('Folder of images or spectra').fill(pngs);
    const newWorkspace = join(dir, 'workspaces', 'galaxies');
    await expect.poll(() => chooser.getByTestId('suggested-workspace').textContent()).toContain(newWorkspace);
    await chooser.getByLabel('Catalog to attach (optional)').fill(catalog);
    await screenshot(page, 'chooser-suggested');
    await chooser.getByRole('button', { name: 'Create' }).click();
    await chooser
      .locator('[data-testid="chooser-job"][data-method="map"][data-state="done"]')
      .waitFor({ timeout: 90_000 });
    const states = await chooser
      .getByTestId('chooser-job')
      .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-method')}:${e.getAttribute('data-state')}`));
    expect(states).toEqual(['ingest:done', 'embed:done', 'rank:done', 'map:done']);
    await screenshot(page, 'chooser-progress');

    await page.keyboard.press('Escape');
    await chooser.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('open-chooser').textContent()).toContain('galaxies');
    await expect.poll(mapPoints).toBe(PNGS);
    expect(hub.service!.workspace.paths.root).toBe(newWorkspace);
    // The catalog's column is a colour of the map.
    const colours = () =>
      page
        .getByTestId('colour-by')
        .locator('option')
        .evaluateAll((o) => o.map((e) => e.textContent));
    await expect.poll(colours).toContain('redshift');
    await screenshot(page, 'chooser-new-workspace');
  });

  it('ends an export with the folder it wrote', async () => {
    await page.keyboard.press('3'); // the labels view, where Export… is
    await page.getByRole('button', { name: 'Export…' }).click();
    const out = join(dir, 'galaxies-export');
    await page.getByLabel('export folder').fill(out);
    await page.getByLabel('labelled objects only').uncheck();
    const dialog = page.getByTestId('export-dialog');
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    await expect.poll(() => dialog.getByTestId('export-path').textContent(), { timeout: 60_000 }).toBe(out);
    expect(await dialog.getByTestId('export-done').textContent()).toContain(`Exported ${PNGS} objects`);
    await dialog.getByTestId('export-copy-path').waitFor();
    await screenshot(page, 'export-done');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.keyboard.press('1');
  });

  it('switches back to the first workspace from the recent list, newest first', async () => {
    await page.getByTestId('open-chooser').click();
    const recent = page.getByTestId('recent-workspaces').locator('button');
    await recent.first().waitFor();
    expect(await recent.evaluateAll((els) => els.map((e) => e.getAttribute('data-path')))).toEqual([
      join(dir, 'workspaces', 'galaxies'),
      first,
    ]);
    await recent.nth(1).focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('workspace-chooser').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('open-chooser').textContent()).toContain('first');
    await expect.poll(mapPoints).toBe(FIRST_OBJECTS);
    expect(hub.service!.workspace.paths.root).toBe(first);
  });

  it('refuses a bad label key, then labels from the queue with a new one', async () => {
    await page.getByTestId('open-settings').click();
    const settings = page.getByTestId('settings-panel');
    await settings.getByRole('button', { name: 'Add key' }).click();
    const rows = settings.getByTestId('label-key-row');
    const row = rows.last();
    await row.getByRole('textbox').first().fill('z');
    await row.getByRole('textbox').nth(1).fill('quasar');
    await settings.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => settings.getByTestId('settings-errors').textContent()).toMatch(/undo key/);
    await row.getByRole('textbox').first().fill('q');
    await settings.getByRole('button', { name: 'Save' }).click();
    await settings.getByText('Saved.').waitFor();
    await screenshot(page, 'chooser-settings');
    await page.keyboard.press('Escape');
    await settings.waitFor({ state: 'detached' });

    await page.keyboard.press('2');
    const name = page.getByTestId('queue-name');
    await name.waitFor();
    expect(await page.locator('.key-list').textContent()).toContain('quasar');
    const labelled = (await name.textContent())!;
    await page.keyboard.press('q');
    await expect.poll(() => hub.service!.labelled('quasar').map((o) => o.name)).toEqual([labelled]);
    await screenshot(page, 'chooser-queue');
    // Kept for this user: a reload still knows the key.
    await page.reload();
    expect(await page.evaluate(`localStorage.getItem('serendip.labelKeys')`)).toContain('quasar');
    expect(pageErrors).toEqual([]);
  });
});
