// Spectrum evidence through the real pipeline: galaxy-like text spectra (a power-law continuum
// with a 4000 Å break and Hβ, [O III] and Hα emission of varied strength, at redshifts
// 0.02–0.12, with noise) are ingested, embedded by PCA and ranked; one of them carries a strong
// line at 8,200 Å observed, where no named line of its redshift falls. spectrumEvidence's
// strongest driver window (where the object, as the PCA sees it, differs from its typical
// neighbours) covers that line, the reconstruction has the grid's length, and the features are
// rest-frame (no note says otherwise).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SerendipService } from '../../electron/core/api/serendip-service.js';
import { SeededRandom } from '../../electron/core/discovery/seeded-random.js';
import { SPECTRUM_GRID } from '../../electron/core/ingest/spectrum-grid.js';
import { latestDoneRun } from '../../electron/core/workspace/repositories/runs-repo.js';
import { spectrumEvidence } from '../../electron/core/discovery/explain/spectrum/spectrum-evidence.js';
import { useSharedTempDir } from '../helpers/temp-dir.js';

const SPECTRA = 80;
const ODD = 7;
const ODD_LINE = 8200;

/** Text table of spectrum i: 3,700–9,300 Å in 2 Å steps, its redshift stated in a comment. */
function spectrumTable(i: number, random: SeededRandom): string {
  const z = 0.02 + 0.1 * random.nextFloat();
  const slope = -1.5 + 1.5 * random.nextFloat();
  const breakStep = 1 + 0.6 * random.nextFloat();
  const lines = [
    { rest: 4862.68, flux: 3 * random.nextFloat() },
    { rest: 5008.24, flux: 6 * random.nextFloat() },
    { rest: 6564.61, flux: 4 + 10 * random.nextFloat() },
  ];
  if (i === ODD) lines.push({ rest: ODD_LINE / (1 + z), flux: 60 });
  const rows = ['# z = ' + z.toFixed(5), '# medium = vacuum', 'wavelength flux ivar'];
  for (let lambda = 3700; lambda <= 9300; lambda += 2) {
    const rest = lambda / (1 + z);
    let flux = (rest / 5000) ** slope * (rest < 4000 ? 1 / breakStep : 1);
    for (const line of lines) {
      const sigma = 3 * (1 + z);
      const at = line.rest * (1 + z);
      flux += (line.flux / (sigma * Math.sqrt(2 * Math.PI))) * Math.exp(-0.5 * ((lambda - at) / sigma) ** 2);
    }
    flux += 0.02 * random.nextGaussian();
    rows.push(`${lambda} ${flux.toFixed(5)} ${(1 / 0.02 ** 2).toFixed(1)}`);
  }
  return rows.join('\n') + '\n';
}

describe('spectrum evidence on an ingested, embedded and ranked collection', () => {
  const dir = useSharedTempDir('serendip-explain-spectrum-');
  let service: SerendipService;

  beforeAll(async () => {
    const data = join(dir(), 'spectra');
    mkdirSync(data, { recursive: true });
    const random = new SeededRandom(3);
    for (let i = 0; i < SPECTRA; i++)
      writeFileSync(join(data, `galaxy-${String(i).padStart(3, '0')}.txt`), spectrumTable(i, random));
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
});
