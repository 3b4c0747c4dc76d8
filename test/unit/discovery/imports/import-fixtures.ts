// Workspaces with a few named objects (positions, modalities, catalog values chosen by the test)
// and files of vectors in each format the import reads, for the import tests.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { Workspace } from '../../../../electron/core/workspace/workspace.js';
import { insertObject, type Modality } from '../../../../electron/core/workspace/repositories/objects-repo.js';
import { upsertSourceFile } from '../../../../electron/core/workspace/repositories/source-files-repo.js';
import { putMetadata } from '../../../../electron/core/workspace/repositories/metadata-repo.js';

export interface FixtureObject {
  name: string;
  modality?: Modality;
  ra?: number;
  dec?: number;
  /** Catalog metadata, key → value. */
  catalog?: Record<string, string>;
}

/** A new workspace in `dir` holding `objects`; returns it and each object's id, by name. */
export function workspaceWith(
  dir: string,
  objects: FixtureObject[],
): { workspace: Workspace; id: Map<string, number> } {
  const workspace = Workspace.open(join(dir, 'ws'), { create: true });
  const { db } = workspace;
  const at = new Date().toISOString();
  const fileId = upsertSourceFile(db, { path: 'set.h5', size: 1, mtime_ms: 0, format: 'hdf5', ingested_at: at });
  const id = new Map<string, number>();
  objects.forEach((o, i) => {
    const objectId = insertObject(
      db,
      {
        name: o.name,
        modality: o.modality ?? 'image',
        file_id: fileId,
        hdu: 0,
        item_index: i,
        ra: o.ra ?? null,
        dec: o.dec ?? null,
        width: 8,
        height: 8,
        bands: 1,
        input_store: null,
        input_row: null,
      },
      at,
    );
    id.set(o.name, objectId);
    if (o.catalog) {
      const values = Object.entries(o.catalog).map(([key, value]) => ({ key, value, number: null }));
      putMetadata(db, objectId, values, 'catalog.csv');
    }
  });
  return { workspace, id };
}

/** Row r of a test vector file: r + d/10 in dimension d, so every value names its row. */
export function rowVector(r: number, dim: number): number[] {
  return Array.from({ length: dim }, (_, d) => r + d / 10);
}

/** A Parquet file with a `name` column, a float list column per entry of `lists`, and scalar columns. */
export function writeParquet(
  path: string,
  names: (string | null)[],
  lists: Record<string, number[][]>,
  scalars: Record<string, number[]> = {},
): string {
  const listNames = Object.keys(lists);
  const scalarNames = Object.keys(scalars);
  const buffer = parquetWriteBuffer({
    columnData: [
      { name: 'name', data: names },
      ...listNames.map((name) => ({ name, data: lists[name] })),
      ...scalarNames.map((name) => ({ name, data: scalars[name] })),
    ],
    schema: [
      { name: 'root', num_children: 1 + listNames.length + scalarNames.length },
      { name: 'name', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      ...listNames.flatMap((name) => [
        { name, repetition_type: 'OPTIONAL' as const, converted_type: 'LIST' as const, num_children: 1 },
        { name: 'list', repetition_type: 'REPEATED' as const, num_children: 1 },
        { name: 'element', type: 'FLOAT' as const, repetition_type: 'REQUIRED' as const },
      ]),
      ...scalarNames.map((name) => ({ name, type: 'DOUBLE' as const, repetition_type: 'REQUIRED' as const })),
    ],
  });
  writeFileSync(path, new Uint8Array(buffer));
  return path;
}
