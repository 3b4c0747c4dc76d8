// "Go to object" by sky position in Chromium: typing a known object's RA/Dec (sexagesimal or
// degrees) lists it first at ~0″, Enter opens it in the inspector (whose facts give the
// position in degrees and sexagesimal), and out-of-range coordinates say why nothing is listed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eUnavailable, focusObjectSearch, screenshot, startApp, type AppUnderTest } from './browser-harness.js';

const unavailable = e2eUnavailable();
if (unavailable) console.warn(`Skipping the end-to-end suite: ${unavailable}`);

let app: AppUnderTest;
const consoleErrors: string[] = [];
const failedCalls: string[] = [];
let target: { name: string; ra: number; dec: number };

/** Degrees as sexagesimal text written independently of the app's parser: RA in hours, Dec signed. */
function sexagesimal(degrees: number, perUnit: number, sign: boolean, decimals = 2): string {
  const total = Math.round(Math.abs(degrees / perUnit) * 3600 * 10 ** decimals) / 10 ** decimals;
  const whole = Math.floor(total / 3600);
  const minutes = Math.floor((total - whole * 3600) / 60);
  const seconds = (total - whole * 3600 - minutes * 60).toFixed(decimals).padStart(decimals + 3, '0');
  const text = `${String(whole).padStart(2, '0')}:${String(minutes).padStart(2, '0')}:${seconds}`;
  return sign ? `${degrees < 0 ? '-' : '+'}${text}` : text;
}

/** The separation the first match shows, in arcseconds. */
async function firstSeparation(): Promise<number> {
  const text = await app.page.getByTestId('object-search-separation').first().textContent();
  expect(text).toMatch(/^\d+\.\d\d″$/);
  return Number(text!.slice(0, -1));
}

describe('go to object by coordinates (browser mode)', () => {
  beforeAll(async () => {
    app = await startApp(40);
    const row = app.service.workspace.db
      .prepare('SELECT name, ra, dec FROM objects WHERE ra IS NOT NULL ORDER BY id LIMIT 1 OFFSET 7')
      .get() as { name: string; ra: number; dec: number };
    target = row;
    app.page.on(
      'console',
      (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && consoleErrors.push(m.text()),
    );
    app.page.on('response', (r) => {
      if (r.status() >= 400)
        failedCalls.push(
          `${(r.request().postDataJSON() as { method?: string } | null)?.method ?? r.url()} ${r.status()}`,
        );
    });
    app.page.on('pageerror', (e) => consoleErrors.push(e.message));
    await app.page.goto(app.server.url);
  });
  afterAll(async () => app?.close());

  it('lists the object at the typed sexagesimal RA/Dec first, ~0″ away, and Enter opens it', async () => {
    const { page } = app;
    const typed = `${sexagesimal(target.ra, 15, false)} ${sexagesimal(target.dec, 1, true)}`;
    await focusObjectSearch(app.page);
    await page.keyboard.type(typed);
    const matches = page.getByTestId('object-search-match');
    // Each keystroke searches again: wait for the list of the whole text. Rounding RA to 0.01 s
    // and Dec to 0.01″ moves the point by well under 0.2″; a shorter text lands further away.
    await expect.poll(firstSeparation).toBeLessThan(0.2);
    expect(await matches.first().locator('.match-name').textContent()).toBe(target.name);
    await screenshot(page, 'object-search-coordinates');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('inspector-name').textContent()).toBe(target.name);
    // The facts table gives the position both ways (RA to 0.01 s, Dec to 0.1″).
    const fact = (name: string) => page.getByTestId('facts').locator('tr', { hasText: name }).locator('td');
    expect(await fact('hms, dms').textContent()).toBe(
      `${sexagesimal(target.ra, 15, false)} ${sexagesimal(target.dec, 1, true, 1)}`,
    );
    expect(await fact('ra, dec').textContent()).toBe(
      `${target.ra.toFixed(5)}, ${target.dec >= 0 ? '+' : ''}${target.dec.toFixed(5)}`,
    );
    expect(await fact('path').getAttribute('title')).toMatch(new RegExp(`${target.name}\\.fits$`));
    await screenshot(page, 'object-search-coordinates-inspector');
  });

  it('takes degrees too, and says why coordinates out of range list nothing', async () => {
    const { page } = app;
    await page.getByTestId('object-search').fill(`${target.ra.toFixed(7)}, ${target.dec.toFixed(7)}`);
    const matches = page.getByTestId('object-search-match');
    await expect.poll(() => matches.first().locator('.match-name').textContent()).toBe(target.name);
    expect(await firstSeparation()).toBe(0);
    await page.getByTestId('object-search').fill('150 95');
    await expect
      .poll(() => page.getByTestId('object-search-list').textContent())
      .toBe('Dec must lie within ±90 degrees');
    await screenshot(page, 'object-search-coordinates-refused');
    expect(consoleErrors).toEqual([]);
    // The one expected refusal: the inspector's neighbours, before any embedding exists.
    expect(failedCalls).toEqual(['similar 409']);
  });
});
