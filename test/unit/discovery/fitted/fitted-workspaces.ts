// Workspaces of the same synthetic galaxies for the fitted-model tests: a "full" one of every
// galaxy, and a "subset" one of every other galaxy, ingested in its own order (object ids
// differ), as a shard of a cluster job would hold part of a collection. Object names say which
// galaxy an object is, so the tests compare the two by name.
import { Workspace } from '../../../../electron/core/workspace/workspace.js';
import { addInputObjects } from '../../../helpers/input-objects.js';
import { galaxyInput } from '../embeddings/synthetic-galaxies.js';

export const GALAXY_SIZE = 16;
export const GALAXY_BANDS = 3;
export const GALAXY_STORE = `image-${GALAXY_SIZE}x${GALAXY_SIZE}x${GALAXY_BANDS}.npy`;

/** Galaxy `g`'s model input: sizes, shapes and fluxes that vary with g. */
export function galaxy(g: number, size = GALAXY_SIZE, bands = GALAXY_BANDS): Float32Array {
  return galaxyInput({
    size,
    bands,
    flux: 800 + 60 * (g % 29) + 3 * g,
    radius: 1.5 + (g % 4),
    sersic: 1 + (g % 3),
    axisRatio: 0.3 + 0.1 * (g % 7),
    angle: g,
    seed: g,
  });
}

/** A new workspace at `dir` holding the galaxies listed (object i is galaxy galaxies[i], named `g<galaxy>`). */
export function galaxyWorkspace(
  dir: string,
  galaxies: number[],
  shape: { size: number; bands: number } = { size: GALAXY_SIZE, bands: GALAXY_BANDS },
): Workspace {
  const workspace = Workspace.open(dir, { create: true });
  const { size, bands } = shape;
  addInputObjects(workspace, {
    modality: 'image',
    store: `image-${size}x${size}x${bands}.npy`,
    rowShape: [size, size, bands],
    width: size,
    height: size,
    bands,
    hdu: 0,
    sourcePath: 'cutouts.fits',
    namePrefix: 'tmp',
    count: galaxies.length,
    row: (i) => galaxy(galaxies[i], size, bands),
  });
  const rename = workspace.db.prepare('UPDATE objects SET name = ? WHERE name = ?');
  galaxies.forEach((g, i) => rename.run(`g${g}`, `tmp${i}`));
  return workspace;
}

/** Object id → name of a workspace's objects. */
export function objectNames(workspace: Workspace): Map<number, string> {
  const rows = workspace.db.prepare('SELECT id, name FROM objects').all() as { id: number; name: string }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** A run array's rows by object name. */
export function rowsByName(
  workspace: Workspace,
  array: { data: Float32Array; columns: number; ids: Float64Array },
): Map<string, Float32Array> {
  const names = objectNames(workspace);
  const out = new Map<string, Float32Array>();
  array.ids.forEach((id, row) =>
    out.set(names.get(id)!, array.data.slice(row * array.columns, (row + 1) * array.columns)),
  );
  return out;
}
