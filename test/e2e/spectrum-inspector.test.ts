// The spectrum inspector in Chromium over browser mode, as a user reaches and reads it: a
// demo workspace of galaxy images (embedded, ranked and mapped) and SDSS-style spectra (on
// no map yet), "go to object" by name, the plot with its line markers at the catalog
// redshift, the redshift changed by typing and by the slider's keys, zoom by wheel, by a
// dragged range and by keys, and reset. The inspector never asks for a spectrum's pixels,
// and an image object still gets the image inspector. Last, the Compute dialog embeds the
// spectra with a learned model, after which a spectrum has neighbours of its own, and the
// images with a pretrained ONNX encoder from a file, and an interrupted learned run is resumed
// from the dialog.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SerendipService } from '../../electron/core/api/serendip-service.js';
import { getRun } from '../../electron/core/workspace/repositories/runs-repo.js';
import { convStackModel } from '../helpers/onnx-model-builder.js';
import type { BrowserServer } from '../../electron/server/browser-server.js';
import {
  e2eUnavailable,
  nonBackgroundPixels,
  screenshot,
  startApp,
  waitInPage,
  type AppUnderTest,
} from './browser-harness.js';
import { readTruthTable } from '../helpers/demo-truth.js';

const unavailable = e2eUnavailable();
if (unavailable) console.warn(`Skipping the spectrum inspector end-to-end test: ${unavailable}`);

const H_ALPHA = 6564.61;
let app: AppUnderTest | undefined;
/** The temporary folder the workspace is in, for files the tests write beside it. */
let workspaceDir: string;
let service: SerendipService;
let server: BrowserServer;
let page: Page;
/** A star-forming galaxy of the demo: emission lines, with Hα inside the SDSS range. */
let target: { id: number; name: string; z: number };
const consoleErrors: string[] = [];
/** API calls the page made that failed, as "method status". */
const failedCalls: string[] = [];
const objectPixelsCalls: number[] = [];

/** The plot's visible range (data-range-min/max on the plot element). */
async function visibleRange(): Promise<[number, number]> {
  const plot = page.getByTestId('spectrum-plot');
  return [Number(await plot.getAttribute('data-range-min')), Number(await plot.getAttribute('data-range-max'))];
}

async function markerX(line: string): Promise<number> {
  return Number(await page.locator(`[data-testid="line-marker"][data-line="${line}"]`).getAttribute('x1'));
}

describe.skipIf(unavailable !== null)('the spectrum inspector in Chromium (browser mode)', () => {
  beforeAll(async () => {
    app = await startApp(
      async (ws, dir) => {
        workspaceDir = dir;
        const demo = await ws.demo({ objects: 60, spectra: 20 });
        await ws.embed({});
        await ws.rank({});
        await ws.map();
        const { rows } = readTruthTable(demo.spectra!.truthPath);
        const { name, z } = rows.find((r) => r.kind === 'star-forming' && Number(r.z) > 0.05 && Number(r.z) < 0.3)!;
        target = { id: ws.findObjects(name)[0].id, name, z: Number(z) };
        const objectPixels = ws.objectPixels.bind(ws);
        ws.objectPixels = (id: number) => {
          objectPixelsCalls.push(id);
          return objectPixels(id);
        };
      },
      { height: 900 },
    );
    ({ service, server, page } = app);
    page.on(
      'console',
      (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && consoleErrors.push(m.text()),
    );
    page.on('response', (r) => {
      if (r.status() >= 400)
        failedCalls.push(
          `${(r.request().postDataJSON() as { method?: string } | null)?.method ?? r.url()} ${r.status()}`,
        );
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.goto(server.url);
    await waitInPage(page, '(window.__serendipProbe?.mapPoints ?? 0) > 0');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('finds a spectrum by name from the top bar and opens it in the inspector', async () => {
    await page.keyboard.press('/');
    await page.keyboard.type(target.name.slice(0, 12));
    const matches = page.getByTestId('object-search-match');
    await matches.first().waitFor();
    expect(await matches.count()).toBeGreaterThan(1);
    expect(await matches.first().locator('.modality').textContent()).toBe('spectrum');
    await page.keyboard.type(target.name.slice(12));
    await expect.poll(() => matches.first().locator('.match-name').textContent()).toBe(target.name);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('inspector-name').textContent()).toBe(target.name);
    expect(await page.getByTestId('inspector').getAttribute('data-modality')).toBe('spectrum');
    await page.getByTestId('flux-line').first().waitFor();
  });

  it('plots the flux with the lines marked at the catalog redshift, emission and absorption apart', async () => {
    expect(Number(await page.getByTestId('redshift-input').inputValue())).toBeCloseTo(target.z, 5);
    const lines = await page.getByTestId('line-marker').evaluateAll((els) =>
      els.map((e) => ({
        line: e.getAttribute('data-line'),
        kind: e.getAttribute('class'),
        observed: Number(e.getAttribute('data-observed')),
      })),
    );
    const names = lines.map((l) => l.line);
    expect(names).toEqual(
      expect.arrayContaining(['Hα 6563', 'Hβ 4861', '[O III] 5007', '[N II] 6584', 'Ca K 3934', 'Na D 5893']),
    );
    expect(lines.find((l) => l.line === 'Hα 6563')!.observed).toBeCloseTo(H_ALPHA * (1 + target.z), 1);
    expect(lines.find((l) => l.line === 'Hα 6563')!.kind).toContain('emission');
    expect(lines.find((l) => l.line === 'Na D 5893')!.kind).toContain('absorption');
    expect(await page.getByTestId('line-label').count()).toBeGreaterThan(5);
    expect(await page.getByTestId('error-band').count()).toBeGreaterThan(0);
    // Masked pixels: gaps in the line, with grey spans behind them.
    const spectrum = await service.objectSpectrum(target.id);
    const masked = spectrum.good.length - spectrum.good.reduce((a, b) => a + b, 0);
    if (masked > 0) expect(await page.getByTestId('masked-span').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('spectrum-readout').textContent()).toContain(`${spectrum.good.length} pixels`);
    const drawn = await nonBackgroundPixels(await page.getByTestId('spectrum-plot').locator('svg').screenshot());
    expect(drawn).toBeGreaterThan(2000);
    await screenshot(page, 'spectrum-inspector');
    expect(objectPixelsCalls).toEqual([]);
  });

  it("moves the markers when the redshift changes, by typing and by the slider's keys", async () => {
    const before = await markerX('Hα 6563');
    const input = page.getByTestId('redshift-input');
    const typedZ = Number((target.z + 0.05).toFixed(4));
    await input.fill(String(typedZ));
    await expect.poll(() => markerX('Hα 6563')).toBeGreaterThan(before + 20);
    const observed = Number(await page.locator('[data-line="Hα 6563"]').getAttribute('data-observed'));
    expect(observed).toBeCloseTo(H_ALPHA * (1 + typedZ), 1);
    const slider = page.getByTestId('redshift-slider');
    await slider.focus();
    const typed = await markerX('Hα 6563');
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowLeft');
    // Ten steps of 0.0005 down (the first may snap to the slider's grid).
    await expect.poll(async () => typedZ - Number(await input.inputValue())).toBeGreaterThan(0.0045);
    expect(typedZ - Number(await input.inputValue())).toBeLessThan(0.0055);
    expect(await markerX('Hα 6563')).toBeLessThan(typed);
    await page.getByTestId('redshift-reset').click();
    await expect.poll(async () => Number(await input.inputValue())).toBeCloseTo(target.z, 5);
    await expect.poll(() => markerX('Hα 6563')).toBeCloseTo(before, 1);
  });

  it('zooms with the wheel about the pointer, to a dragged range and by keys, and resets', async () => {
    const svg = page.getByTestId('spectrum-plot').locator('svg');
    const box = (await svg.boundingBox())!;
    const [fullMin, fullMax] = await visibleRange();
    const hAlphaX = box.x + (await markerX('Hα 6563'));
    const midY = box.y + box.height / 2;
    await page.mouse.move(hAlphaX, midY);
    await page.mouse.wheel(0, -400);
    await expect
      .poll(async () => (await visibleRange())[1] - (await visibleRange())[0])
      .toBeLessThan((fullMax - fullMin) * 0.6);
    const [wMin, wMax] = await visibleRange();
    expect(wMin).toBeLessThan(H_ALPHA * (1 + target.z));
    expect(wMax).toBeGreaterThan(H_ALPHA * (1 + target.z));
    // The marker stayed under the pointer.
    expect(Math.abs(box.x + (await markerX('Hα 6563')) - hAlphaX)).toBeLessThan(2);

    await page.getByTestId('spectrum-reset').click();
    await expect.poll(visibleRange).toEqual([fullMin, fullMax]);

    // Drag across Hα and [S II]: the view becomes that range.
    const from = H_ALPHA * (1 + target.z) - 60;
    const to = 6732.67 * (1 + target.z) + 40;
    const xOf = (w: number) => box.x + 58 + ((w - fullMin) / (fullMax - fullMin)) * (box.width - 58 - 12);
    await page.mouse.move(xOf(from), midY);
    await page.mouse.down();
    await page.mouse.move(xOf((from + to) / 2), midY, { steps: 4 });
    await page.mouse.move(xOf(to), midY, { steps: 4 });
    await page.mouse.up();
    const [dMin, dMax] = await visibleRange();
    expect(dMin).toBeCloseTo(from, -1);
    expect(dMax).toBeCloseTo(to, -1);
    const labels = await page.getByTestId('line-label').allTextContents();
    expect(labels).toEqual(expect.arrayContaining(['Hα', '[N II]', '[S II]']));
    await screenshot(page, 'spectrum-inspector-zoom');

    // Keyboard: + narrows, → pans, 0 shows it all.
    await svg.focus();
    await page.keyboard.press('+');
    await expect
      .poll(async () => (await visibleRange())[1] - (await visibleRange())[0])
      .toBeLessThan((dMax - dMin) * 0.8);
    const [kMin] = await visibleRange();
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await visibleRange())[0]).toBeGreaterThan(kMin);
    await page.keyboard.press('0');
    await expect.poll(visibleRange).toEqual([fullMin, fullMax]);
    expect(objectPixelsCalls).toEqual([]);
  });

  it("offers to compute the spectra's embedding where Similar cannot answer, then shows neighbours", async () => {
    const similar = page.getByTestId('similar');
    const compute = similar.getByTestId('similar-compute');
    await compute.waitFor();
    expect(await compute.textContent()).toBe("Compute the optical spectra' embedding, scores and map");
    expect(await similar.textContent()).not.toContain('serendip'); // no CLI command to copy
    await screenshot(page, 'similar-compute');
    await compute.click();
    await expect.poll(() => similar.locator('.thumb').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    const spectrumRuns = service.status().runs.filter((r) => r.modality === 'spectrum');
    expect(spectrumRuns.map((r) => `${r.kind}:${r.method}`)).toContain('embedding:pca');
    await screenshot(page, 'similar-after-compute');
  }, 90_000);

  it('still shows an image object with the image inspector', async () => {
    const image = service.findObjects('DEMO-', 1)[0];
    await page.keyboard.press('/');
    await page.keyboard.type(image.name);
    await expect
      .poll(() => page.getByTestId('object-search-match').first().locator('.match-name').textContent())
      .toBe(image.name);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('inspector-name').textContent()).toBe(image.name);
    expect(await page.getByTestId('inspector').getAttribute('data-modality')).toBe('image');
    expect(await page.getByTestId('spectrum-plot').count()).toBe(0);
    await page.locator('[data-testid="pixel-view"], .large-thumb').first().waitFor();
    expect(consoleErrors).toEqual([]);
    // The one expected refusal: neighbours of the spectrum, which has no spectrum embedding yet.
    expect(failedCalls).toEqual(['similar 409']);
  });

  it('embeds the spectra from the Compute dialog with a learned model; then a spectrum has neighbours', async () => {
    await page.getByTestId('open-compute').click();
    const dialog = page.getByTestId('compute-dialog');
    await dialog.waitFor();
    await page.getByTestId('compute-modality').selectOption('spectrum');
    await page.getByTestId('compute-method').selectOption('contrastive');
    await page.getByTestId('compute-backend').selectOption('wasm');
    await page.getByTestId('compute-epochs').fill('1');
    await screenshot(page, 'compute-dialog');
    await page.getByTestId('compute-run').click();
    // The second map job: the first made the PCA's map (the Similar button, above).
    await expect.poll(() => page.locator('[data-testid="job"][data-method="map"]').count()).toBe(2);
    await expect
      .poll(() => page.locator('[data-testid="job"][data-method="map"]').last().getAttribute('data-state'), {
        timeout: 120_000,
      })
      .toBe('done');
    const embedding = service
      .status()
      .runs.filter((r) => r.kind === 'embedding')
      .at(-1)!;
    expect(embedding.method).toBe('contrastive');
    expect(JSON.parse(getRun(service.workspace.db, embedding.id)!.params)).toMatchObject({
      modality: 'spectrum',
      backend: 'wasm',
      epochs: 1,
    });
    // The map is now the spectra's, and the spectrum inspector shows its nearest spectra.
    await page.keyboard.press('/');
    await page.keyboard.type(target.name);
    await expect
      .poll(() => page.getByTestId('object-search-match').first().locator('.match-name').textContent())
      .toBe(target.name);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('[data-testid="similar"] .thumb').count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
  }, 180_000);

  it('embeds the images with a pretrained ONNX encoder chosen in the Compute dialog', async () => {
    const modelPath = join(workspaceDir, 'encoder.onnx');
    writeFileSync(modelPath, convStackModel(3, [8, 16]));
    await page.getByTestId('open-compute').click();
    await page.getByTestId('compute-dialog').waitFor();
    await page.getByTestId('compute-modality').selectOption('image');
    await page.getByTestId('compute-method').selectOption('onnx');
    expect(await page.getByTestId('compute-run').isDisabled()).toBe(true);
    await page.getByTestId('compute-model').fill(modelPath);
    await page.getByTestId('compute-run').click();
    // The previous test's map job is still listed, done: wait for a map made after the ONNX embedding.
    const mappedAfterOnnx = (): boolean => {
      const runs = service.status().runs;
      const onnx = runs.filter((r) => r.kind === 'embedding' && r.method === 'onnx').at(-1);
      const map = runs.filter((r) => r.kind === 'map').at(-1);
      return !!onnx && !!map && map.created >= onnx.created;
    };
    await expect.poll(mappedAfterOnnx, { timeout: 120_000 }).toBe(true);
    await expect
      .poll(() => page.locator('[data-testid="job"][data-method="map"]').last().getAttribute('data-state'))
      .toBe('done');
    const embedding = service
      .status()
      .runs.filter((r) => r.kind === 'embedding')
      .at(-1)!;
    expect(embedding.method).toBe('onnx');
    expect(JSON.parse(getRun(service.workspace.db, embedding.id)!.params)).toMatchObject({ provider: 'cpu' });
  }, 180_000);

  it('offers an interrupted learned run in the Compute dialog and resumes it from its checkpoint', async () => {
    // Stopped once its first epoch is checkpointed, as a cancel or a killed app leaves it.
    const controller = new AbortController();
    const interrupted = service.embed(
      { method: 'autoencoder', modality: 'image', epochs: 2, backend: 'wasm' },
      {
        signal: controller.signal,
        onProgress: (p) => /^epoch 2\//.test(p.detail ?? '') && controller.abort(new Error('stopped')),
      },
    );
    await expect(interrupted).rejects.toThrow();
    const stopped = service.status().unfinished.find((r) => r.method === 'autoencoder')!;
    expect(stopped.status).toBe('cancelled');
    await page.reload();
    await waitInPage(page, '(window.__serendipProbe?.mapPoints ?? 0) > 0');
    await page.getByTestId('open-compute').click();
    const row = page.locator(`[data-testid="interrupted-run"][data-run="${stopped.id}"]`);
    await expect.poll(() => row.textContent()).toMatch(/^autoencoder, started .* \(cancelled\)Resume$/);
    await screenshot(page, 'compute-dialog-resume');
    await row.getByTestId('resume-run').click();
    await page.getByTestId('compute-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => getRun(service.workspace.db, stopped.id)!.status, { timeout: 120_000 }).toBe('done');
    const log = JSON.parse(readFileSync(join(service.workspace.paths.models, stopped.id, 'training-log.json'), 'utf8'));
    expect(log.resumedFromEpoch).toBe(1);
    expect(log.epochs.map((e: { epoch: number }) => e.epoch)).toEqual([1, 2]);
    // Ranked and mapped on the resumed run, and no longer offered.
    await expect
      .poll(
        () =>
          service
            .status()
            .runs.filter((r) => r.kind === 'map')
            .at(-1)!.created >= getRun(service.workspace.db, stopped.id)!.created,
        { timeout: 120_000 },
      )
      .toBe(true);
    await expect
      .poll(() => page.locator('[data-testid="job"][data-method="map"]').last().getAttribute('data-state'), {
        timeout: 60_000,
      })
      .toBe('done');
    await page.getByTestId('open-compute').click();
    await page.getByTestId('compute-dialog').waitFor();
    expect(await page.getByTestId('interrupted-run').count()).toBe(0);
    await page.keyboard.press('Escape');
  }, 240_000);
});
