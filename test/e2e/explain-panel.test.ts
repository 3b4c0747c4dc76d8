// "Why odd?" in the inspector, in Chromium over browser mode, on a demo workspace: before any
// scores the panel gives the API's one-line reason; once scoring jobs finish it asks again and
// lists each scorer's score and rank and the features against the typical neighbours exactly as
// `explain` answers them, with the neighbours' thumbnails (a click inspects one, and the panel
// explains that one instead). When the answer has maps, the overlay lies over the image and its
// checkbox and key hide and show it; without maps there is no overlay and no control for it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatRank, formatScore } from '../../electron/core/util/score-numbers.js';
import { WHERE_MAP_MEANINGS, isWhereMapKind, type Explanation } from '../../electron/core/api/contract-explain.js';
import {
  e2eUnavailable,
  focusObjectSearch,
  screenshot,
  startApp,
  waitInPage,
  type AppUnderTest,
} from './browser-harness.js';

const unavailable = e2eUnavailable();
if (unavailable) console.warn(`Skipping the explain panel end-to-end tests: ${unavailable}`);

const OBJECTS = 60;
/** Feature rows shown before "more" (ExplainPanel's FEATURES_SHOWN). */
const FEATURES_SHOWN = 6;
let app: AppUnderTest;
const pageErrors: string[] = [];

const panel = () => app.page.getByTestId('explain');
const phase = () => panel().getAttribute('data-phase');

/** What the panel lists for an explanation: one line per scorer, the shown features' phrases, the neighbours. */
function expectedLists(e: Explanation) {
  return {
    scorers: e.scorers.map((s) => `${s.method} ${formatScore(s.score)} ${formatRank(s)}${s.top ? ' top 5%' : ''}`),
    features: e.features.slice(0, FEATURES_SHOWN).map((f) => f.phrase),
    neighbours: e.neighbours.map((n) => n.name),
  };
}

async function shownLists() {
  return {
    scorers: await panel()
      .getByTestId('explain-scorer')
      .evaluateAll((rows) =>
        rows.map((row) =>
          [...row.querySelectorAll('th, td')]
            .map((c) => c.textContent)
            .filter((t) => t)
            .join(' '),
        ),
      ),
    features: await panel()
      .locator('.explain-features > ol [data-testid="explain-feature"]')
      .evaluateAll((els) => els.map((e) => e.textContent)),
    neighbours: await panel()
      .getByTestId('explain-neighbour')
      .evaluateAll((els) => els.map((e) => e.getAttribute('title')!.replace(/ \(distance .*\)$/, ''))),
  };
}

async function inspect(name: string): Promise<void> {
  await focusObjectSearch(app.page);
  await app.page.keyboard.type(name);
  await expect
    .poll(() => app.page.getByTestId('object-search-match').first().locator('.match-name').textContent())
    .toBe(name);
  await app.page.keyboard.press('Enter');
  await expect.poll(() => app.page.getByTestId('inspector-name').textContent()).toBe(name);
}

/** Starts a job as another client would (the page hears of it) and waits until it is done. */
async function finishJob(method: string, args: unknown[]): Promise<void> {
  const { jobId } = app.service.startJob(method, args);
  await expect.poll(() => app.service.jobs().find((j) => j.id === jobId)?.state, { timeout: 120_000 }).toBe('done');
}

describe.skipIf(unavailable !== null)('why odd? in the inspector (browser mode)', () => {
  let name = '';
  beforeAll(async () => {
    app = await startApp(OBJECTS);
    await app.service.embed({});
    await app.service.map();
    app.page.on('pageerror', (e) => pageErrors.push(e.message));
    await app.page.goto(app.server.url);
    await waitInPage(app.page, '(window.__serendipProbe?.mapPoints ?? 0) > 0');
  }, 240_000);
  afterAll(async () => app?.close());

  it('gives the API’s one-line reason before there are scores', async () => {
    name = app.service.objectDetails(app.service.mapData().ids[0]).name;
    await inspect(name);
    expect(await phase()).toBe('closed');
    await panel().getByTestId('explain-toggle').click();
    await expect.poll(phase).toBe('failed');
    expect(await panel().getByTestId('explain-error').textContent()).toBe(
      'no image anomaly scores yet: run `serendip rank <workspace>` first',
    );
    await panel().scrollIntoViewIfNeeded();
    await screenshot(app.page, 'explain-panel-no-scores');
  });

  it('asks again as scores arrive, and lists the scorers, features and neighbours as explain answers', async () => {
    await finishJob('rank', [{ method: 'iforest' }]);
    await finishJob('rank', [{ method: 'lof' }]);
    await finishJob('rank', [{}]);
    // The most anomalous object by the ensemble, now the newest score run.
    const top = app.service.top(1)[0].name;
    await inspect(top);
    const expected = await app.service.explain(top);
    expect(expected.scorers.map((s) => s.method)).toEqual(expect.arrayContaining(['ensemble', 'iforest', 'lof']));
    await expect.poll(phase).toBe('done');
    await expect.poll(shownLists).toEqual(expectedLists(expected));
    // The ensemble's first object is in its top 5%.
    expect(await panel().locator('[data-method="ensemble"] .explain-top').textContent()).toBe('top 5%');
    // σ as the API gives it, strongest first.
    const sigmas = await panel()
      .getByTestId('explain-feature')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-sigma')));
    expect(sigmas).toEqual(expected.features.map((f) => (f.sigma === null ? '' : String(f.sigma))));
    await expect
      .poll(() =>
        panel()
          .locator('.explain-neighbours img')
          .evaluateAll(
            (imgs) => imgs.filter((i) => (i as unknown as { naturalWidth: number }).naturalWidth > 0).length,
          ),
      )
      .toBe(expected.neighbours.length);
    await panel().scrollIntoViewIfNeeded();
    await screenshot(app.page, 'explain-panel-lists');

    const overlay = app.page.getByTestId('explain-overlay');
    const choices = expected.maps.filter((m) => isWhereMapKind(m.kind));
    if (choices.length > 0) {
      // Drawn at once, over the image: the model input's square of it, the patch rarity first.
      await overlay.waitFor();
      const selector = app.page.getByTestId('explain-overlay-map');
      expect(await selector.inputValue()).toBe('rarity');
      expect(await selector.getAttribute('title')).toBe(WHERE_MAP_MEANINGS.rarity);
      const [image, over] = await Promise.all([
        app.page.getByTestId('pixel-canvas').boundingBox(),
        overlay.boundingBox(),
      ]);
      expect(Math.min(image!.width, image!.height)).toBeCloseTo(Math.min(over!.width, over!.height), 0);
      await app.page.getByTestId('pixel-canvas').scrollIntoViewIfNeeded();
      await screenshot(app.page, 'explain-panel-overlay');
      await app.page.getByTestId('explain-overlay-toggle').uncheck();
      expect(await overlay.count()).toBe(0);
      await app.page.getByTestId('inspector-name').click();
      await app.page.keyboard.press('o');
      await overlay.waitFor();
      expect(await app.page.getByTestId('explain-overlay-toggle').isChecked()).toBe(true);
    } else {
      expect(await overlay.count()).toBe(0);
      expect(await app.page.getByTestId('explain-overlay-controls').count()).toBe(0);
    }
    name = top;
  });

  it('explains a neighbour once it is clicked, and its key closes the panel', async () => {
    const neighbour = (await panel().getByTestId('explain-neighbour').first().getAttribute('title'))!.replace(
      / \(distance .*\)$/,
      '',
    );
    await panel().getByTestId('explain-neighbour').first().click();
    await expect.poll(() => app.page.getByTestId('inspector-name').textContent()).toBe(neighbour);
    // Open still: the neighbour's own explanation, never the previous object's.
    await expect.poll(shownLists).toEqual(expectedLists(await app.service.explain(neighbour)));
    expect(neighbour).not.toBe(name);
    await panel().scrollIntoViewIfNeeded();
    await screenshot(app.page, 'explain-panel-neighbour');
    await app.page.getByTestId('inspector-name').click();
    await app.page.keyboard.press('w');
    await expect.poll(phase).toBe('closed');
    expect(await panel().getByTestId('explain-scorer').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
