// Spectra beyond the optical through ingest, embedding and read-back: an H-band spectrum in
// µm with air wavelengths goes on the near-infrared grid, named in the metadata by the
// file's OBJECT, embeds on its own grid, and reads back in vacuum with its Brackett lines
// where the inspector's vacuum markers put them; an L-band spectrum outside every grid is an
// object without a model input, with the reason on its file.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { embedCollection } from '../../electron/core/api/embed-service.js';
import { getRun } from '../../electron/core/workspace/repositories/runs-repo.js';
import { ingestPaths } from '../../electron/core/ingest/ingest-files.js';
import { readObjectSpectrum } from '../../electron/core/ingest/read-spectrum.js';
import { listIngestWarnings } from '../../electron/core/workspace/repositories/ingest-warnings-repo.js';
import { getMetadata } from '../../electron/core/workspace/repositories/metadata-repo.js';
import { findObjectByName } from '../../electron/core/workspace/repositories/objects-repo.js';
import { Workspace } from '../../electron/core/workspace/workspace.js';
import { SPECTRAL_LINES } from '../../renderer/src/views/inspector/spectral-lines.js';
import { H_BAND, L_BAND, encodeInfraredSpectrum } from '../helpers/infrared-spectra.js';
import { useSharedTempDir } from '../helpers/temp-dir.js';

/** Flux-weighted centre of the line nearest `near` (continuum 1 removed), within ±20 Å. */
function lineCentre(wavelength: Float64Array, flux: Float32Array, near: number): number {
  let sum = 0;
  let weighted = 0;
  for (let i = 0; i < wavelength.length; i++) {
    if (Math.abs(wavelength[i] - near) > 20) continue;
    const excess = Math.max(0, flux[i] - 1);
    sum += excess;
    weighted += excess * wavelength[i];
  }
  return weighted / sum;
}

describe('ingest of near- and mid-infrared spectra', () => {
  const dir = useSharedTempDir('serendip-infrared-')();

  it('puts an H-band spectrum on the near-infrared grid, in vacuum; keeps an L-band one without input', async () => {
    const data = join(dir, 'data');
    mkdirSync(data, { recursive: true });
    for (let n = 0; n < 6; n++)
      writeFileSync(join(data, `hband-${n}.fits`), encodeInfraredSpectrum({ ...H_BAND, z: 0.01 * n }));
    writeFileSync(join(data, 'lband.fits'), encodeInfraredSpectrum(L_BAND, {}));
    const ws = Workspace.open(join(dir, 'ws'), { create: true });
    try {
      const summary = await ingestPaths(ws, [data]);
      expect(summary.errors).toEqual([]);
      const h = findObjectByName(ws.db, 'hband-1')!;
      expect(h).toMatchObject({ modality: 'spectrum', input_store: 'spectrum-near-infrared-2048x2.npy' });
      expect(getMetadata(ws.db, h.id)).toEqual({ z: '0.01', model_grid: 'near-infrared', object: H_BAND.object });

      const l = findObjectByName(ws.db, 'lband')!;
      expect(l).toMatchObject({ modality: 'spectrum', input_store: null, input_row: null });
      expect(getMetadata(ws.db, l.id).model_grid).toBe('none');
      const warnings = listIngestWarnings(ws.db).filter((w) => w.path.endsWith('lband.fits'));
      expect(warnings.map((w) => w.message)).toEqual([
        expect.stringMatching(/no good pixels on any model grid \(1150–25000 Å\); it covers 30008–39991 Å/),
      ]);
      expect((await readObjectSpectrum(ws, l.id)).flux.length).toBe(L_BAND.pixels);

      // Read back in vacuum: each Brackett line's centre is where the vacuum line list puts it, not 4.6 Å below.
      const spectrum = await readObjectSpectrum(ws, h.id);
      expect(spectrum).toMatchObject({ medium: 'air', convertedToVacuum: true, mediumEvidence: "AIRORVAC = 'air'" });
      for (const name of ['Br11 1.681 µm', 'Br10 1.737 µm', 'Br13 1.611 µm']) {
        const vacuum = SPECTRAL_LINES.find((line) => line.name === name)!.rest * 1.01;
        expect(lineCentre(spectrum.wavelength, spectrum.flux, vacuum) - vacuum, name).toBeCloseTo(0, 0);
      }

      // The spectra embed on the grid they are on, by default or named; a grid without spectra is refused.
      expect(await embedCollection(ws, { modality: 'spectrum', dim: 2 })).toMatchObject({ count: 6 });
      const named = await embedCollection(ws, { modality: 'spectrum', grid: 'near-infrared', dim: 2 });
      expect(JSON.parse(getRun(ws.db, named.runId)!.params!)).toMatchObject({
        store: 'spectrum-near-infrared-2048x2.npy',
      });
      await expect(embedCollection(ws, { modality: 'spectrum', grid: 'optical' })).rejects.toThrow(
        'no spectra are on the optical grid; the spectrum stores are: spectrum-near-infrared-2048x2.npy (6)',
      );
    } finally {
      ws.close();
    }
  });

  it('says why spectra outside every grid cannot be embedded', async () => {
    const data = join(dir, 'lband-only');
    mkdirSync(data, { recursive: true });
    writeFileSync(join(data, 'lband.fits'), encodeInfraredSpectrum(L_BAND, {}));
    const ws = Workspace.open(join(dir, 'ws-lband'), { create: true });
    try {
      expect((await ingestPaths(ws, [data])).errors).toEqual([]);
      await expect(embedCollection(ws, { modality: 'spectrum' })).rejects.toThrow(
        'no spectrum has a model input to embed: ingest some spectra first (one outside every model grid, ' +
          '1150–25000 Å, has none)',
      );
    } finally {
      ws.close();
    }
  });
});
