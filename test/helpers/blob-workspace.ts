// A workspace of 64×64×3 synthetic galaxies of assorted sizes, shapes and fluxes, in which one
// (BLOB_OBJECT) also has a bright compact blob (a star or a hot spot) at a known place: for
// tests and benches that ask where an object is odd.
import { Workspace } from '../../electron/core/workspace/workspace.js';
import { addInputObjects } from './input-objects.js';
import { galaxyFlux, toModelInput } from '../unit/discovery/embeddings/synthetic-galaxies.js';

export const BLOB_SIZE = 64;
export const BLOB_BANDS = 3;
export const BLOB_STORE = `image-${BLOB_SIZE}x${BLOB_SIZE}x${BLOB_BANDS}.npy`;
/** The object with the blob, and the blob's centre (model-input pixels) and Gaussian σ. */
export const BLOB_OBJECT = 'g7';
export const BLOB_AT = { x: 47, y: 17, sigma: 1 };
/** The blob's peak in units of the sky σ: far brighter than the galaxy where it sits. */
const BLOB_PEAK = 400;

/** Galaxy i's linear flux (with BLOB_OBJECT's blob added): a few shapes repeating with varied flux and size. */
export function blobGalaxyFlux(i: number): Float32Array {
  const flux = galaxyFlux({
    size: BLOB_SIZE,
    bands: BLOB_BANDS,
    flux: 1500 + 37 * (i % 23),
    radius: 2.5 + (i % 5) * 0.8,
    sersic: 1 + (i % 3),
    axisRatio: 0.4 + 0.1 * (i % 6),
    angle: 0.3 * i,
    seed: i,
  });
  if (`g${i}` === BLOB_OBJECT) {
    for (let y = 0; y < BLOB_SIZE; y++) {
      for (let x = 0; x < BLOB_SIZE; x++) {
        const r2 = ((x - BLOB_AT.x) ** 2 + (y - BLOB_AT.y) ** 2) / (2 * BLOB_AT.sigma ** 2);
        for (let b = 0; b < BLOB_BANDS; b++) flux[(y * BLOB_SIZE + x) * BLOB_BANDS + b] += BLOB_PEAK * Math.exp(-r2);
      }
    }
  }
  return flux;
}

/** `count` galaxies in a new workspace at `dir` (store BLOB_STORE), named g0, g1, …; closed again. */
export function writeBlobWorkspace(dir: string, count: number): void {
  const workspace = Workspace.open(dir, { create: true });
  try {
    addInputObjects(workspace, {
      modality: 'image',
      store: BLOB_STORE,
      rowShape: [BLOB_SIZE, BLOB_SIZE, BLOB_BANDS],
      width: BLOB_SIZE,
      height: BLOB_SIZE,
      bands: BLOB_BANDS,
      hdu: 0,
      sourcePath: 'cutouts.fits',
      namePrefix: 'g',
      count,
      row: (i) => toModelInput(blobGalaxyFlux(i)),
    });
  } finally {
    workspace.close();
  }
}
