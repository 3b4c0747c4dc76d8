// The Families view in Chromium over browser mode: a demo workspace (embedded, ranked, mapped)
// opens on the Families tab with the top 50 in families, each card with its exemplar, members and
// shared features; "Label family…" labels every member of the largest family at once (checked
// through the API), and the status line's Undo takes the labels back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnomalyFamily } from '../../electron/core/api/contract-families.js';
import { e2eUnavailable, screenshot, startApp, type AppUnderTest } from './browser-harness.js';

const unavailable = e2eUnavailable();
const OBJECTS = 200;
const LABEL = 'artefact: trails';

describe.skipIf(unavailable !== null)('the Families view in Chromium', () => {
  let app: AppUnderTest;
  let families: AnomalyFamily[];
  const errors: string[] = [];

  beforeAll(async () => {
    app = await startApp(async (service) => {
      await service.demo({ objects: OBJECTS, seed: 3 });
      await service.embed({});
      await service.rank({ modality: 'image' });
      await service.map({});
    });
    families = app.service.families(50);
    app.page.on('pageerror', (e) => errors.push(e.message));
    await app.page.goto(app.server.url);
  }, 180_000);
  afterAll(async () => {
    await app?.close();
  });

  it('lists the families, the largest first, with their members and shared features', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Families', exact: true }).click();
    const cards = page.getByTestId('family');
    await cards.first().waitFor();
    expect(await cards.count()).toBe(families.length);
    const sizes = await page.getByTestId('family-size').allTextContents();
    expect(sizes.map((s) => Number(s.split(' ')[0]))).toEqual(families.map((f) => f.size));
    expect(await cards.first().getByTestId('family-member').count()).toBe(families[0].size);
    const features = await cards.first().getByTestId('family-features').textContent();
    for (const f of families[0].features) expect(features).toContain(f.phrase);
  });

  it('labels every member of a family at once, and undoes it', async () => {
    const { page, service } = app;
    const card = page.getByTestId('family').first();
    await card.getByRole('button', { name: 'Label family…' }).click();
    await card.getByLabel('label for the family').fill(LABEL);
    await card.getByRole('button', { name: `Label ${families[0].size}` }).click();
    await expect.poll(() => card.getByTestId('family-status').textContent()).toContain(`Labelled ${families[0].size}`);
    expect(
      service
        .labelled(LABEL)
        .map((o) => o.name)
        .sort(),
    ).toEqual([...families[0].members].sort());
    await screenshot(page, 'families-view');

    await card.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => card.getByTestId('family-status').textContent()).toContain('Undone');
    expect(service.labelled(LABEL)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
