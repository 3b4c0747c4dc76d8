// Archive spectra in Chromium, as a user meets them: a folder mixing every spectrum layout
// Serendip reads (the archive-spectra fixtures, a DESI coadd, an SDSS spec file), an
// H-band spectrum in µm with air wavelengths and an L-band one outside every model grid is
// ingested in one pass. Only the fixtures made to be refused are errors. The inspector draws
// the H-band spectrum with the H band's own lines (Brackett series, [Fe II]) at their vacuum
// wavelengths, says the file's air wavelengths were converted and which grid it is on; the
// L-band spectrum opens too, saying it has no model input.
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestResult } from '../../electron/core/api/contract.js';
import { SPECTRAL_LINES } from '../../renderer/src/views/inspector/spectral-lines.js';
import { ARCHIVE_SPECTRA, REFUSED_ARCHIVE_SPECTRA, archiveSpectrumFiles } from '../helpers/archive-spectra-fixtures.js';
import { H_BAND, L_BAND, encodeInfraredSpectrum } from '../helpers/infrared-spectra.js';
import { e2eUnavailable, focusObjectSearch, screenshot, startApp, type AppUnderTest } from './browser-harness.js';

const unavailable = e2eUnavailable();
if (unavailable) console.warn(`Skipping the archive spectra end-to-end test: ${unavailable}`);

const FIXTURES = join(import.meta.dirname, '../fixtures');

let app: AppUnderTest;
let ingest: IngestResult;
let files: string[];
const consoleErrors: string[] = [];

async function openObject(name: string): Promise<void> {
  const { page } = app;
  await focusObjectSearch(page);
  await page.keyboard.type(name);
  const first = page.getByTestId('object-search-match').first().locator('.match-name');
  await expect.poll(() => first.textContent()).toBe(name);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByTestId('inspector-name').textContent()).toBe(name);
  await page.getByTestId('flux-line').first().waitFor();
}

describe.skipIf(unavailable !== null)('archive spectra in Chromium (browser mode)', () => {
  beforeAll(async () => {
    app = await startApp(
      async (ws, dir) => {
        const data = join(dir, 'archive');
        mkdirSync(data);
        for (const name of archiveSpectrumFiles()) copyFileSync(join(ARCHIVE_SPECTRA, name), join(data, name));
        copyFileSync(join(FIXTURES, 'desi/coadd-fixture.fits'), join(data, 'coadd-fixture.fits'));
        copyFileSync(join(FIXTURES, 'fits-tables/spec-0266-51602-0001.fits'), join(data, 'spec-0266-51602-0001.fits'));
        writeFileSync(join(data, 'hband.fits'), encodeInfraredSpectrum(H_BAND));
        writeFileSync(join(data, 'lband.fits'), encodeInfraredSpectrum(L_BAND, {}));
        files = readdirSync(data);
        ingest = await ws.ingest({ paths: [data] });
      },
      { height: 900 },
    );
    app.page.on('pageerror', (e) => consoleErrors.push(e.message));
    app.page.on(
      'console',
      (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && consoleErrors.push(m.text()),
    );
    await app.page.goto(app.server.url);
  });
  afterAll(async () => app?.close());

  it('ingests every layout of the folder; only the fixtures made to be refused are errors', () => {
    const refused = [...REFUSED_ARCHIVE_SPECTRA].sort();
    expect(ingest.errors.map((e) => e.path.slice(e.path.lastIndexOf('/') + 1)).sort()).toEqual(refused);
    const perFile = app.service.workspace.db
      .prepare(
        `SELECT f.path AS path, count(o.id) AS objects, min(o.modality) AS modality FROM source_files f
         JOIN objects o ON o.file_id = f.id GROUP BY f.id`,
      )
      .all() as { path: string; objects: number; modality: string }[];
    const ingested = perFile.map((r) => r.path.slice(r.path.lastIndexOf('/') + 1)).sort();
    expect(ingested).toEqual(files.filter((f) => !REFUSED_ARCHIVE_SPECTRA.includes(f)).sort());
    for (const row of perFile) expect(row.modality, row.path).toBe('spectrum');
  });

  it('draws the H-band spectrum with the H band lines at their vacuum wavelengths, converted from air', async () => {
    const { page } = app;
    await openObject('hband');
    const markers = await page
      .getByTestId('line-marker')
      .evaluateAll((els) =>
        els.map((e) => ({ line: e.getAttribute('data-line'), observed: Number(e.getAttribute('data-observed')) })),
      );
    const names = markers.map((m) => m.line);
    expect(names).toEqual(expect.arrayContaining(['Br11 1.681 µm', 'Br10 1.737 µm', '[Fe II] 1.644 µm']));
    // No optical line is marked in the H band.
    expect(names).not.toContain('Hα 6563');
    const br11 = SPECTRAL_LINES.find((l) => l.name === 'Br11 1.681 µm')!.rest;
    expect(markers.find((m) => m.line === 'Br11 1.681 µm')!.observed).toBeCloseTo(br11 * (1 + H_BAND.z), 1);
    const source = await page.getByTestId('spectrum-source').textContent();
    expect(source).toContain("vacuum wavelengths, converted from air (AIRORVAC = 'air')");
    expect(source).toContain('model grid: near-infrared');
    expect(source).toContain('read as a 1-D image with a wavelength WCS');
    expect(await page.getByTestId('spectrum-plot').textContent()).toContain('observed wavelength (Å, vacuum)');
    await screenshot(page, 'archive-spectra-h-band');
  });

  it('opens a spectrum outside every grid, saying it has no model input', async () => {
    await openObject('lband');
    const source = await app.page.getByTestId('spectrum-source').textContent();
    expect(source).toContain('no model input: outside every model grid');
    await expect
      .poll(() => app.page.getByTestId('similar').textContent())
      .toContain('This spectrum lies outside every model grid, so no embedding can include it.');
    await screenshot(app.page, 'archive-spectra-l-band');
    expect(consoleErrors).toEqual([]);
  });

  it('lists the refused table and the spectrum without a model input as problems, with reasons', async () => {
    const { page } = app;
    await page.getByTestId('open-problems').click();
    const panel = page.getByTestId('problems-panel');
    await panel.getByTestId('problem').first().waitFor();
    const rows = await panel.getByTestId('problem').evaluateAll((els) =>
      els.map((e) => ({
        kind: e.getAttribute('data-kind'),
        path: e.querySelector('.problem-path')?.textContent ?? '',
        message: e.querySelector('.problem-messages')?.textContent ?? '',
      })),
    );
    const row = (name: string) => rows.find((r) => r.path.endsWith(name));
    expect(row('table-no-wavelength.fits')).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(/^HDU 1 is a table of 4 rows of 64-element arrays, .*none named as wavelength/),
    });
    expect(row('lband.fits')).toMatchObject({
      kind: 'warning',
      message: expect.stringContaining('no good pixels on any model grid'),
    });
    await screenshot(page, 'archive-spectra-problems');
  });
});
