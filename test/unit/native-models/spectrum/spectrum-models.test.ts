// The spectrum side of the learned models with known answers: the views (masked bins stay
// masked, a shift moves a line by whole bins, a tilt reddens, the local noise estimate
// recovers σ), the reconstruction error that ignores masked bins, and both models training
// on a tiny spectrum store through runLearnedEmbedding.
import * as tf from '@tensorflow/tfjs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../../electron/core/discovery/seeded-random.js';
import { readNpyFile } from '../../../../electron/core/formats/arrays/npy.js';
import { Workspace } from '../../../../electron/core/workspace/workspace.js';
import { getRun } from '../../../../electron/core/workspace/repositories/runs-repo.js';
import { runLearnedEmbedding } from '../../../../electron/core/discovery/embeddings/learned/learned-embedding-run.js';
import {
  DEFAULT_SPECTRUM_AUGMENTATIONS,
  augmentSpectrumView,
  localNoiseLevels,
  type SpectrumAugmentationSettings,
} from '../../../../native-models/spectrum/spectrum-augmentations.js';
import { maskedFluxError } from '../../../../native-models/spectrum/spectrum-architecture.js';
import { selectBackend } from '../../../../native-models/backends/index.js';
import { useTempDir } from '../../../helpers/temp-dir.js';
import { addInputObjects } from '../../../helpers/input-objects.js';

const LENGTH = 256;
const NOTHING: SpectrumAugmentationSettings = {
  maxNoise: 0,
  maxChunks: 0,
  minChunk: 1,
  maxChunk: 1,
  maxShift: 0,
  maxTilt: 0,
  maxFluxScale: 1,
};

/** Flat continuum 1 with an emission line at `line`, bins [from, to) masked. */
function spectrum(line: number, masked: [number, number] = [0, 0]): Float32Array {
  const out = new Float32Array(LENGTH * 2);
  for (let k = 0; k < LENGTH; k++) {
    const good = k < masked[0] || k >= masked[1];
    out[2 * k] = good ? 1 + 5 * Math.exp(-0.5 * ((k - line) / 2) ** 2) : 0;
    out[2 * k + 1] = good ? 1 : 0;
  }
  return out;
}

function view(src: Float32Array, seed: number, settings: SpectrumAugmentationSettings): Float32Array {
  const dst = new Float32Array(src.length);
  augmentSpectrumView(src, dst, LENGTH, 2, new SeededRandom(seed), settings);
  return dst;
}

const peakBin = (values: Float32Array): number => {
  let best = 0;
  for (let k = 1; k < LENGTH; k++) if (values[2 * k] > values[2 * best]) best = k;
  return best;
};

describe('spectrum views', () => {
  it('are a function of the input and the random stream, and never unmask a masked bin', () => {
    const src = spectrum(100, [40, 60]);
    expect(view(src, 3, DEFAULT_SPECTRUM_AUGMENTATIONS)).toEqual(view(src, 3, DEFAULT_SPECTRUM_AUGMENTATIONS));
    for (let seed = 0; seed < 20; seed++) {
      const out = view(src, seed, { ...DEFAULT_SPECTRUM_AUGMENTATIONS, maxShift: 0 });
      for (let k = 40; k < 60; k++) expect([out[2 * k], out[2 * k + 1]]).toEqual([0, 0]);
      for (let k = 0; k < LENGTH; k++) if (out[2 * k + 1] === 0) expect(out[2 * k]).toBe(0);
    }
  });

  it('shift a line by whole bins, at most maxShift', () => {
    const src = spectrum(128);
    const shifts = new Set<number>();
    for (let seed = 0; seed < 30; seed++) shifts.add(peakBin(view(src, seed, { ...NOTHING, maxShift: 3 })) - 128);
    expect(Math.max(...shifts)).toBeLessThanOrEqual(3);
    expect(Math.min(...shifts)).toBeGreaterThanOrEqual(-3);
    expect(shifts.size).toBeGreaterThan(3);
  });

  it('tilt the continuum: one end brightens as the other dims', () => {
    const src = spectrum(128);
    const out = view(src, 5, { ...NOTHING, maxTilt: 0.5 });
    const ratioBlue = out[2 * 2] / src[2 * 2];
    const ratioRed = out[2 * (LENGTH - 3)] / src[2 * (LENGTH - 3)];
    expect(Math.abs(Math.log(ratioBlue) + Math.log(ratioRed))).toBeLessThan(0.02);
    expect(Math.abs(Math.log(ratioBlue))).toBeGreaterThan(0.01);
  });

  it('measure the local noise level from the flux itself', () => {
    const random = new SeededRandom(2);
    const src = new Float32Array(LENGTH * 2);
    for (let k = 0; k < LENGTH; k++) {
      src[2 * k] = 1 + (k < LENGTH / 2 ? 0.1 : 0.4) * random.nextGaussian();
      src[2 * k + 1] = 1;
    }
    const levels = localNoiseLevels(src, LENGTH, 2);
    expect(levels[0]).toBeCloseTo(0.1, 1);
    expect(levels[levels.length - 1]).toBeCloseTo(0.4, 1);
  });
});

describe('maskedFluxError', () => {
  it('counts only good bins', async () => {
    await selectBackend('wasm');
    const input = tf.tensor4d(spectrum(100, [0, 128]), [1, LENGTH, 1, 2]);
    const perfectWhereGood = tf.tensor4d(
      Float32Array.from({ length: LENGTH }, (_, k) => (k < 128 ? 99 : spectrum(100)[2 * k])),
      [1, LENGTH, 1, 1],
    );
    expect((await maskedFluxError(input, perfectWhereGood).data())[0]).toBeCloseTo(0, 6);
    const offByOne = tf.add(perfectWhereGood, 1);
    expect((await maskedFluxError(input, offByOne).data())[0]).toBeCloseTo(1, 5);
  });
});

describe('runLearnedEmbedding on spectra', () => {
  const tempDir = useTempDir('serendip-spectrum-models-');

  it('trains both models on a spectrum store and scores reconstructions', async () => {
    const workspace = Workspace.open(tempDir(), { create: true });
    const store = `spectrum-${LENGTH}x2.npy`;
    addInputObjects(workspace, {
      modality: 'spectrum',
      store,
      rowShape: [LENGTH, 2],
      width: LENGTH,
      height: 1,
      bands: 1,
      hdu: 1,
      sourcePath: 'spectra',
      namePrefix: 's',
      count: 24,
      row: (i) => spectrum(40 + 7 * i, i % 3 === 0 ? [10, 30] : [0, 0]),
    });
    for (const method of ['autoencoder', 'contrastive'] as const) {
      const result = await runLearnedEmbedding(workspace, {
        method,
        modality: 'spectrum',
        dim: 4,
        epochs: 1,
        batchSize: 8,
        backend: (process.env.SERENDIP_TEST_BACKEND ?? 'auto') as 'auto',
        inProcess: true,
      });
      const run = getRun(workspace.db, result.runId)!;
      expect(run).toMatchObject({ modality: 'spectrum', status: 'done' });
      expect(JSON.parse(run.params)).toMatchObject({ modality: 'spectrum', store, size: LENGTH, bands: 2 });
      expect(readNpyFile(join(workspace.paths.embeddings, `${result.runId}.npy`)).shape).toEqual([24, 4]);
      expect(result.reconstructionRun !== null).toBe(method === 'autoencoder');
    }
    await expect(
      runLearnedEmbedding(workspace, { method: 'autoencoder', modality: 'image', inProcess: true }),
    ).rejects.toThrow(/no image model inputs/);
    workspace.close();
  });
});
