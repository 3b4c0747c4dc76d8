// Settings > Compute devices in Chromium over browser mode: reached with the keyboard alone,
// "Check devices" runs the computeDevices job (its progress in the jobs strip) and shows every
// tfjs backend and onnxruntime provider the server's machine has, and the verdict. The bundled
// backends (wasm, cpu) and onnxruntime's cpu provider run everywhere; the rest depend on the
// machine, so they are only required to be listed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKEND_NAMES } from '../../native-models/backends/backend-interface.js';
import { e2eUnavailable, screenshot, startApp, waitInPage, type AppUnderTest } from './browser-harness.js';

const unavailable = e2eUnavailable();
if (unavailable) console.warn(`Skipping the end-to-end suite: ${unavailable}`);

let app: AppUnderTest;
const pageErrors: string[] = [];

describe.skipIf(unavailable !== null)('Settings > Compute devices in Chromium', () => {
  beforeAll(async () => {
    app = await startApp(20);
    app.page.on('pageerror', (e) => pageErrors.push(e.message));
    await app.page.goto(app.server.url);
    await app.page.getByTestId('open-settings').waitFor();
  });
  afterAll(async () => app?.close());

  it('checks the devices from the keyboard and lists every backend and provider', async () => {
    const { page } = app;
    await page.getByTestId('open-settings').click();
    const section = page.getByTestId('compute-devices');
    await section.waitFor();
    // Tab through the settings to the button, and press it with Enter.
    let reached = false;
    for (let i = 0; i < 60 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = (await page.evaluate('document.activeElement?.dataset?.testid')) === 'check-devices';
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="job"][data-method="computeDevices"]').waitFor();
    await waitInPage(page, `document.querySelectorAll('[data-testid="device-row"]').length > 0`, 200_000);

    const rows = await section
      .getByTestId('device-row')
      .evaluateAll((els) => els.map((e) => [e.getAttribute('data-name'), e.getAttribute('data-status')]));
    expect(rows.map(([name]) => name)).toEqual([...BACKEND_NAMES]);
    expect(Object.fromEntries(rows)).toMatchObject({ wasm: 'available', cpu: 'available' });
    const providers = await section
      .getByTestId('provider-row')
      .evaluateAll((els) => els.map((e) => [e.getAttribute('data-name'), e.getAttribute('data-status')]));
    expect(Object.fromEntries(providers)).toMatchObject({ cpu: 'available' });

    // wasm was timed: its row carries two figures.
    const wasmFigures = await section
      .locator('[data-testid="device-row"][data-name="wasm"] td.num')
      .evaluateAll((els) => els.map((e) => Number(e.textContent!.replace(/[,*]/g, ''))));
    expect(wasmFigures).toHaveLength(2);
    for (const figure of wasmFigures) expect(figure).toBeGreaterThan(0);
    expect(await section.getByTestId('device-verdict').textContent()).toMatch(/^training will use: /);
    expect(await page.locator('[data-testid="job"][data-method="computeDevices"]').getAttribute('data-state')).toBe(
      'done',
    );
    await section.getByTestId('device-backends').scrollIntoViewIfNeeded();
    await screenshot(page, 'settings-compute-devices');
    await section.getByTestId('device-providers').scrollIntoViewIfNeeded();
    await screenshot(page, 'settings-compute-devices-onnx');
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
