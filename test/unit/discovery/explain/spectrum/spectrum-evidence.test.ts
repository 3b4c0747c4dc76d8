// spectrumEvidence on a workspace of made-to-order spectra (a flat continuum with an Hα line
// whose equivalent width varies, z = 0): against neighbours of widths 10, 12 and 14 Å an
// object of 20 Å stands +4σ out in Hα; spectra that all lie on one line in flux space are
// reconstructed by their PCA run to themselves; an embedding without a decoder is compared with
// its neighbours' median spectrum, and says so; without redshifts the features are observed-frame.
import { describe, expect, it } from 'vitest';
import { Workspace } from '../../../../../electron/core/workspace/workspace.js';
import { runEmbedding } from '../../../../../electron/core/discovery/embeddings/embedding-run.js';
import { putMetadata } from '../../../../../electron/core/workspace/repositories/metadata-repo.js';
import { finishRun, startRun } from '../../../../../electron/core/workspace/repositories/runs-repo.js';
import { spectrumEvidence } from '../../../../../electron/core/discovery/explain/spectrum/spectrum-evidence.js';
import { addInputObjects } from '../../../../helpers/input-objects.js';
import { useTempDir } from '../../../../helpers/temp-dir.js';
import { LENGTH, WAVELENGTHS, modelInputOf, syntheticSpectrum } from './synthetic-spectra.js';

const STORE = 'spectrum-2048x2.npy';
const H_ALPHA = 'Hα emission equivalent width';
/** Object i's Hα equivalent width, Å (on a continuum of 1 that is the line's flux). */
const widthOf = (i: number) => 10 + 2 * (i % 12);
const spectrumOf = (i: number) => syntheticSpectrum(() => 1, [{ at: 6564.61, flux: widthOf(i), sigma: 3 }]);

describe('spectrumEvidence', () => {
  const tempDir = useTempDir('serendip-spectrum-evidence-');

  function workspaceOf(count: number, redshifts: boolean): { workspace: Workspace; ids: number[] } {
    const workspace = Workspace.open(tempDir(), { create: true });
    addInputObjects(workspace, {
      modality: 'spectrum',
      store: STORE,
      rowShape: [LENGTH, 2],
      width: LENGTH,
      height: 1,
      bands: 1,
      hdu: 1,
      sourcePath: 'spectra.fits',
      namePrefix: 'spec-',
      count,
      row: (i) => modelInputOf(spectrumOf(i)),
    });
    const ids = workspace.db.prepare('SELECT id FROM objects ORDER BY id').pluck().all() as number[];
    if (redshifts) for (const id of ids) putMetadata(workspace.db, id, [{ key: 'z', value: '0', number: 0 }], 'file');
    return { workspace, ids };
  }

  it('stands an Hα line of 20 Å out by +4σ against neighbours of 10, 12 and 14 Å, reconstructed by PCA', async () => {
    const { workspace, ids } = workspaceOf(24, true);
    try {
      const { runId } = await runEmbedding(workspace, { method: 'pca', modality: 'spectrum', dim: 3, workers: 0 });
      // Object 5 has 20 Å; objects 0, 1 and 2 have 10, 12 and 14.
      const evidence = spectrumEvidence(workspace, ids[5], STORE, [ids[0], ids[1], ids[2]], runId);
      const hAlpha = evidence.features.find((f) => f.name === H_ALPHA)!;
      expect(hAlpha.value).toBeCloseTo(20, 1);
      expect(hAlpha.sd).toBeCloseTo(2, 1);
      // The windows miss the same tiny fraction of every line, so σ is exact to the float16 storage.
      expect(hAlpha.sigma).toBeCloseTo(4, 2);
      expect(hAlpha.phrase).toBe('Hα emission equivalent width +4.0σ above its typical neighbours');
      expect(evidence.features[0].name).toBe(H_ALPHA);
      expect(evidence.notes).toEqual([]);

      const { wavelength, flux, reconstruction } = evidence.spectrum;
      expect(wavelength).toEqual(Array.from(WAVELENGTHS));
      expect(reconstruction).toHaveLength(LENGTH);
      // Every spectrum is the continuum plus t times one line shape: one component holds them all.
      const expected = spectrumOf(5);
      for (let k = 0; k < LENGTH; k++) {
        expect(flux[k]).toBeCloseTo(expected[k], 2);
        expect(reconstruction[k]).toBeCloseTo(flux[k], 3);
      }
      // What sets it apart in the embedding is its Hα: 20 Å where its neighbours' mean vector decodes to 12 Å.
      const [top] = evidence.spectrum.drivers;
      expect(top.from).toBeLessThan(6564.61);
      expect(top.to).toBeGreaterThan(6564.61);
      expect(top.share).toBeGreaterThan(0.95);
      expect(top.line).toBe('Hα 6563');
    } finally {
      workspace.close();
    }
  });

  it("compares an embedding without a decoder with the neighbours' median spectrum, observed-frame without z", () => {
    const { workspace, ids } = workspaceOf(6, false);
    try {
      const runId = startRun(workspace.db, { kind: 'embedding', method: 'autoencoder', modality: 'spectrum' });
      finishRun(workspace.db, runId, 'done');
      const evidence = spectrumEvidence(workspace, ids[5], STORE, [ids[0], ids[1], ids[2]], runId);
      // The median of 10, 12 and 14 Å lines is the 12 Å line: the residual is the object's 20 − 12 Å of Hα.
      const middle = spectrumOf(1);
      for (let k = 0; k < LENGTH; k++) expect(evidence.spectrum.reconstruction[k]).toBeCloseTo(middle[k], 2);
      const [top] = evidence.spectrum.drivers;
      expect(top.from).toBeLessThan(6564.61);
      expect(top.to).toBeGreaterThan(6564.61);
      expect(top.share).toBeGreaterThan(0.9);
      expect(top.line).toBeNull(); // no redshift: no line is named
      expect(evidence.notes).toHaveLength(2);
      expect(evidence.notes[0]).toMatch(
        /^no reconstruction: autoencoder embeddings .* median of its typical neighbours/,
      );
      expect(evidence.notes[1]).toMatch(/observed frame/);
      expect(evidence.features.find((f) => f.name === H_ALPHA)!.sigma).toBeCloseTo(4, 2);
    } finally {
      workspace.close();
    }
  });
});
