// `embed --method pca --modality spectrum` on stored spectrum inputs ([length, 2]: flux, mask):
// spectra that lie on a line in flux space (a template plus t times a second shape) give one
// component that explains all the variance, and that component's coordinate is t, up to sign
// and an offset. Also: the features embedding refuses spectra with a message naming pca.
import { describe, expect, it } from 'vitest';
import { Workspace } from '../../../../../electron/core/workspace/workspace.js';
import { getRun } from '../../../../../electron/core/workspace/repositories/runs-repo.js';
import { runEmbedding } from '../../../../../electron/core/discovery/embeddings/embedding-run.js';
import { loadRunArray } from '../../../../../electron/core/discovery/run-arrays.js';
import { embedCollection } from '../../../../../electron/core/api/embed-service.js';
import { addInputObjects } from '../../../../helpers/input-objects.js';
import { useTempDir } from '../../../../helpers/temp-dir.js';

const LENGTH = 64;
const COUNT = 40;

/** Object i's t: spread over [-1, 1] in a scrambled order, so the ids' order says nothing. */
const tOf = (i: number) => (((i * 17) % COUNT) / (COUNT - 1)) * 2 - 1;

function spectrumRow(i: number): Float32Array {
  const row = new Float32Array(LENGTH * 2);
  for (let k = 0; k < LENGTH; k++) {
    const template = 1 + 0.3 * Math.sin(k / 5);
    const line = Math.exp(-((k - 30) ** 2) / 8);
    row[k * 2] = template + tOf(i) * line;
    row[k * 2 + 1] = 1;
  }
  return row;
}

describe('spectrum PCA', () => {
  const tempDir = useTempDir('serendip-spectrum-pca-');

  function spectraWorkspace(): Workspace {
    const workspace = Workspace.open(tempDir(), { create: true });
    addInputObjects(workspace, {
      modality: 'spectrum',
      store: `spectrum-${LENGTH}x2.npy`,
      rowShape: [LENGTH, 2],
      width: LENGTH,
      height: 1,
      bands: 1,
      hdu: 1,
      sourcePath: 'spectra.fits',
      namePrefix: 'spec-',
      count: COUNT,
      row: spectrumRow,
    });
    return workspace;
  }

  it('finds the one direction spectra on a line vary along', async () => {
    const workspace = spectraWorkspace();
    try {
      const result = await runEmbedding(workspace, { method: 'pca', modality: 'spectrum', dim: 3, workers: 0 });
      const run = getRun(workspace.db, result.runId)!;
      expect(run.modality).toBe('spectrum');
      const params = JSON.parse(run.params!) as { explained_variance_ratio: number[]; pixel_dim: number };
      expect(params.pixel_dim).toBe(LENGTH); // the flux channel only, unbinned
      expect(params.explained_variance_ratio[0]).toBeGreaterThan(0.999);
      const vectors = loadRunArray(workspace.paths.embeddings, result.runId);
      expect(vectors.rows).toBe(COUNT);
      // The first coordinate is an affine function of t: a correlation of ±1.
      const first = Array.from({ length: COUNT }, (_, i) => vectors.data[i * 3]);
      const ts = Array.from(vectors.ids, (_, i) => tOf(i));
      expect(Math.abs(correlation(first, ts))).toBeGreaterThan(0.999);
    } finally {
      workspace.close();
    }
  });

  it('is what embed gives spectra by default, and features refuses them naming pca', async () => {
    const workspace = spectraWorkspace();
    try {
      const result = await embedCollection(workspace, { modality: 'spectrum', dim: 2 });
      expect(getRun(workspace.db, result.runId)).toMatchObject({ method: 'pca', modality: 'spectrum' });
      await expect(embedCollection(workspace, { modality: 'spectrum', method: 'features' })).rejects.toThrow(
        /features embedding is for images; embed spectra with --method pca/,
      );
    } finally {
      workspace.close();
    }
  });
});

function correlation(a: number[], b: number[]): number {
  const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  const ma = mean(a);
  const mb = mean(b);
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += (a[i] - ma) * (b[i] - mb);
    aa += (a[i] - ma) ** 2;
    bb += (b[i] - mb) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}
