// "Why odd?" for a spectrum in Chromium over browser mode: a demo workspace of images and
// SDSS-style spectra, the spectra embedded by PCA and ranked; the top spectrum is opened by name
// from the top bar and explained with its key. The panel plots the model input's flux with the
// reconstruction over it and one shaded band per driving range, and lists the ranges as the API
// gives them; its spectral features are those of the API too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Explanation } from '../../electron/core/api/contract-explain.js';
import { driverLabel } from '../../renderer/src/views/inspector/explain-spectrum-shapes.js';
import {
  e2eUnavailable,
  nonBackgroundPixels,
  screenshot,
  startApp,
  waitInPage,
  type AppUnderTest,
} from './browser-harness.js';

const unavailable = e2eUnavailable();
if (unavailable) console.warn(`Skipping the spectrum explanation end-to-end test: ${unavailable}`);

let app: AppUnderTest | undefined;
let top: string;
const pageErrors: string[] = [];

describe.skipIf(unavailable !== null)('why a spectrum is odd, in the inspector (browser mode)', () => {
  beforeAll(async () => {
    app = await startApp(
      async (ws) => {
        await ws.demo({ objects: 60, spectra: 40 });
        await ws.embed({});
        await ws.rank({});
        await ws.map();
        await ws.embed({ modality: 'spectrum', dim: 4 });
        await ws.rank({ modality: 'spectrum' });
        // The newest ranking is the spectra's: its top object is a spectrum.
        top = ws.top(1)[0].name;
      },
      { height: 1100 },
    );
    app.page.on('pageerror', (e) => pageErrors.push(e.message));
    await app.page.goto(app.server.url);
    await waitInPage(app.page, '(window.__serendipProbe?.mapPoints ?? 0) > 0');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('plots the flux, the reconstruction and the driving ranges, and lists the ranges', async () => {
    const { page, service } = app!;
    await page.keyboard.press('/');
    await page.keyboard.type(top);
    await page.getByTestId('object-search-match').first().waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('inspector-name').textContent()).toBe(top);
    expect(await page.getByTestId('inspector').getAttribute('data-modality')).toBe('spectrum');
    await page.getByTestId('inspector-name').click();
    await page.keyboard.press('w');
    const panel = page.getByTestId('explain');
    await expect.poll(() => panel.getAttribute('data-phase')).toBe('done');

    const expected: Explanation = await service.explain(top);
    expect(expected.spectrum!.drivers.length).toBeGreaterThan(0);
    const plot = panel.getByTestId('explain-spectrum-plot');
    expect(await plot.getByTestId('explain-driver-band').count()).toBe(expected.spectrum!.drivers.length);
    expect(await plot.getByTestId('explain-driver-band').first().locator('title').textContent()).toBe(
      driverLabel(expected.spectrum!.drivers[0]),
    );
    // Both curves drawn: a path with many points each.
    for (const id of ['explain-spectrum-flux', 'explain-spectrum-reconstruction']) {
      const d = (await plot.getByTestId(id).getAttribute('d')) ?? '';
      expect(d.split(/[ML]/).length, id).toBeGreaterThan(50);
    }
    expect(await panel.locator('.explain-drivers li').allTextContents()).toEqual(
      expected.spectrum!.drivers.map(driverLabel),
    );
    expect(await panel.getByTestId('explain-feature').count()).toBeGreaterThan(0);
    expect(await nonBackgroundPixels(await plot.locator('svg').screenshot())).toBeGreaterThan(500);
    await plot.scrollIntoViewIfNeeded();
    await screenshot(page, 'explain-spectrum');
    expect(pageErrors).toEqual([]);
  });
});
