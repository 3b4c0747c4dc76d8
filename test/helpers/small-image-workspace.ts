// A tiny workspace of 16×16×3 synthetic galaxies (different sizes, shapes and fluxes) for
// the learned-model tests: large enough for a few batches, small enough to train in seconds.
import { Workspace } from '../../electron/core/workspace/workspace.js';
import { addInputObjects } from './input-objects.js';
import { galaxyInput } from '../unit/discovery/embeddings/synthetic-galaxies.js';

export const SMALL_SIZE = 16;
export const SMALL_BANDS = 3;
export const SMALL_OBJECTS = 40;

export const SMALL_STORE = `image-${SMALL_SIZE}x${SMALL_SIZE}x${SMALL_BANDS}.npy`;

/** `count` galaxies (default SMALL_OBJECTS) in a new workspace at `dir`, in the store SMALL_STORE. */
export function smallImageWorkspace(dir: string, count = SMALL_OBJECTS): Workspace {
  const workspace = Workspace.open(dir, { create: true });
  addInputObjects(workspace, {
    modality: 'image',
    store: SMALL_STORE,
    rowShape: [SMALL_SIZE, SMALL_SIZE, SMALL_BANDS],
    width: SMALL_SIZE,
    height: SMALL_SIZE,
    bands: SMALL_BANDS,
    hdu: 0,
    sourcePath: 'cutouts.fits',
    namePrefix: 'g',
    count,
    row: (i) =>
      galaxyInput({
        size: SMALL_SIZE,
        bands: SMALL_BANDS,
        flux: 800 + 60 * i,
        radius: 1.5 + (i % 4),
        sersic: 1 + (i % 3),
        axisRatio: 0.3 + 0.1 * (i % 7),
        angle: i,
        seed: i,
      }),
  });
  return workspace;
}
