// Spectrum evidence through the real pipeline: galaxy-like text spectra (a power-law continuum
// with a 4000 Å break and Hβ, [O III] and Hα emission of varied strength, at redshifts
// 0.02–0.12, with noise) are ingested, embedded by PCA and ranked; one of them carries a strong
// line at 8,200 Å observed, where no named line of its redshift falls. spectrumEvidence's
// strongest driver window (where the object, as the PCA sees it, differs from its typical
// neighbours) covers that line, the reconstruction has the grid's length, and the features are
// rest-frame (no note says otherwise). explain gives the same evidence with the scorers and
// neighbours it found itself.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SerendipService } from '../../electron/core/api/serendip-service.js';
import { SPECTRUM_GRID } from '../../electron/core/ingest/spectrum-grid.js';
import { latestDoneRun } from '../../electron/core/workspace/repositories/runs-repo.js';
import { spectrumEvidence } from '../../electron/core/discovery/explain/spectrum/spectrum-evidence.js';
import { useSharedTempDir } from '../helpers/temp-dir.js';
import { ODD_LINE, writeGalaxySpectra } from '../helpers/galaxy-spectra.js';

const SPECTRA = 80;
const ODD = 7;

describe('spectrum evidence on an ingested, embedded and ranked collection', () => {
  const dir = useSharedTempDir('serendip-explain-spectrum-');
  let service: SerendipService;

  beforeAll(async () => {
    const data = join(dir(), 'spectra');
    writeGalaxySpectra(data, SPECTRA, ODD);
    service = SerendipService.open(join(dir(), 'ws'), { create: true });
    await service.ingest({ paths: [data] });
    // A few components: the collection's own variety, which a single odd line does not take one of.
    await service.embed({ modality: 'spectrum', dim: 4 });
    await service.rank({ modality: 'spectrum' });
  }, 120_000);
  afterAll(() => service?.close());

  it('puts the odd line in the strongest driver window', () => {
    const { db } = service.workspace;
    const odd = db
      .prepare('SELECT id, name, input_store FROM objects WHERE name LIKE ?')
      .get(`galaxy-${String(ODD).padStart(3, '0')}%`) as { id: number; name: string; input_store: string };
    const run = latestDoneRun(db, 'embedding', 'spectrum')!;
    expect(run.method).toBe('pca');
    const neighbours = service.similar([odd.name], 10).map((hit) => hit.id);
    expect(neighbours).toHaveLength(10);

    const evidence = spectrumEvidence(service.workspace, odd.id, odd.input_store, neighbours, run.id);
    const { wavelength, flux, reconstruction, drivers } = evidence.spectrum;
    expect(wavelength).toHaveLength(SPECTRUM_GRID.length);
    expect(flux).toHaveLength(SPECTRUM_GRID.length);
    expect(reconstruction).toHaveLength(SPECTRUM_GRID.length);
    expect(evidence.notes).toEqual([]);
    const [top] = drivers;
    expect(top.from).toBeLessThan(ODD_LINE);
    expect(top.to).toBeGreaterThan(ODD_LINE);
    expect(top.line).toBeNull();
    for (const d of drivers.slice(1)) expect(d.share).toBeLessThanOrEqual(top.share);
    // Rest-frame features: every spectrum has Hα on the grid, none has it masked.
    const hAlpha = evidence.features.find((f) => f.name === 'Hα emission equivalent width');
    expect(hAlpha?.value).toBeGreaterThan(3);
  });

  it('explains the odd spectrum through the service: drivers, features and no maps', async () => {
    const name = service.workspace.db
      .prepare('SELECT name FROM objects WHERE name LIKE ?')
      .pluck()
      .get(`galaxy-${String(ODD).padStart(3, '0')}%`) as string;
    const e = await service.explain(name, 10);
    expect(e.modality).toBe('spectrum');
    expect(e.neighbours).toHaveLength(10);
    expect(e.scorers.map((s) => s.method)).toContain('ensemble');
    expect(e.maps).toEqual([]);
    expect(e.notes).toEqual([]);
    expect(e.spectrum!.reconstruction).toHaveLength(SPECTRUM_GRID.length);
    const [top] = e.spectrum!.drivers;
    expect([top.from < ODD_LINE, top.to > ODD_LINE]).toEqual([true, true]);
    expect(e.features.map((f) => f.name)).toContain('Hα emission equivalent width');
  });
});
