// A tiny workspace of 16×16×3 synthetic galaxies (different sizes, shapes and fluxes) for
// the learned-run tests: large enough for a few batches, small enough to train in seconds.
import { Workspace } from '../../../../../electron/core/workspace/workspace.js';
import { addInputObjects } from '../../../../helpers/input-objects.js';
import { galaxyInput } from '../synthetic-galaxies.js';

export const SMALL_SIZE = 16;
export const SMALL_BANDS = 3;
export const SMALL_OBJECTS = 40;

export function smallImageWorkspace(dir: string): Workspace {
  const workspace = Workspace.open(dir, { create: true });
  addInputObjects(workspace, {
    modality: 'image',
    store: `image-${SMALL_SIZE}x${SMALL_SIZE}x${SMALL_BANDS}.npy`,
    rowShape: [SMALL_SIZE, SMALL_SIZE, SMALL_BANDS],
    width: SMALL_SIZE,
    height: SMALL_SIZE,
    bands: SMALL_BANDS,
    hdu: 0,
    sourcePath: 'cutouts.fits',
    namePrefix: 'g',
    count: SMALL_OBJECTS,
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
