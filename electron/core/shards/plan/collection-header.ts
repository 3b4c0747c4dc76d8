// What a plan needs of an HDF5 cutout collection without reading its pixels: how many rows
// it has, and its names column when it has one. A file that does not open as a collection
// gives null: it stays one unit, and the shard that ingests it records the reason.
import { detectCutoutLayout, readCutoutColumn, type ColumnValue } from '../../formats/hdf5/cutouts.js';
import { openHdf5 } from '../../formats/hdf5/file.js';

export async function readCollectionHeader(
  path: string,
  maxPixels: number,
): Promise<{ rows: number; names?: ColumnValue[] } | null> {
  try {
    const file = await openHdf5(path);
    try {
      const layout = detectCutoutLayout(file, maxPixels);
      const column = layout.columns.find((c) => c.role === 'name');
      return { rows: layout.rows, ...(column ? { names: readCutoutColumn(file, column, 0, layout.rows) } : {}) };
    } finally {
      file.close();
    }
  } catch {
    return null;
  }
}
