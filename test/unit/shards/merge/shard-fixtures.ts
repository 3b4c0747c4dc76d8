// Small shard workspaces written straight through the repositories, for the merge's tests: objects
// with float16 inputs whose values say which shard and object they are, thumbnails, an ingest run,
// labels, and runs with arrays whose values are known.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { NpyRowFile } from '../../../../electron/core/formats/arrays/npy-row-file.js';
import { toFloat16Bits } from '../../../../electron/core/formats/arrays/float16.js';
import { saveRunArray } from '../../../../electron/core/discovery/run-arrays.js';
import { Workspace } from '../../../../electron/core/workspace/workspace.js';
import { insertObject } from '../../../../electron/core/workspace/repositories/objects-repo.js';
import { upsertSourceFile } from '../../../../electron/core/workspace/repositories/source-files-repo.js';
import { finishRun, startRun, type RunKind } from '../../../../electron/core/workspace/repositories/runs-repo.js';

export const SIZE = 4;
export const STORE = `image-${SIZE}x${SIZE}x1.npy`;

export interface ShardSpec {
  names: readonly string[];
  /** Object i's source path as recorded (relative: inside the shard) and item; default `<name>.fits`, item 0. */
  source?: (i: number) => { path: string; item: number };
  /** Every value of object i's input; default i + 1 + marker. */
  marker?: number;
  store?: string;
  /** The ingest run's method and extra parameters; default 'files' with input size 4, crop 1. */
  ingest?: { method?: 'files' | 'plan'; params?: Record<string, unknown> };
}

/** Makes a shard workspace at `dir`; the caller closes it. */
export function makeShard(dir: string, spec: ShardSpec): Workspace {
  const ws = Workspace.open(dir, { create: true });
  const store = spec.store ?? STORE;
  const side = Number(/-(\d+)x/.exec(store)![1]);
  const ingest = startRun(ws.db, {
    kind: 'ingest',
    method: spec.ingest?.method ?? 'files',
    params: { inputSize: side, crop: 1, ...spec.ingest?.params },
  });
  const file = NpyRowFile.openOrCreate(join(ws.paths.inputs, store), { dtype: '<f2', rowShape: [side, side, 1] });
  const at = '2026-01-01T00:00:00.000Z';
  spec.names.forEach((name, i) => {
    const { path, item } = spec.source?.(i) ?? { path: `${name}.fits`, item: 0 };
    const fileId = upsertSourceFile(ws.db, { path, size: 10, mtime_ms: 5, format: 'fits', ingested_at: at });
    const row = file.appendRows(toFloat16Bits(new Float32Array(side * side).fill(i + 1 + (spec.marker ?? 0))));
    const thumb = `thumbs/${name.slice(0, 2)}/${name}.webp`;
    mkdirSync(dirname(join(ws.paths.root, thumb)), { recursive: true });
    writeFileSync(join(ws.paths.root, thumb), `thumb of ${name}`);
    insertObject(
      ws.db,
      {
        name,
        modality: 'image',
        file_id: fileId,
        hdu: 0,
        item_index: item,
        ra: i,
        dec: -i,
        width: side,
        height: side,
        bands: 1,
        input_store: store,
        input_row: row,
        thumb,
      },
      at,
    );
  });
  file.close();
  finishRun(ws.db, ingest, 'done');
  return ws;
}

export interface RunSpec {
  kind: RunKind;
  method: string;
  params?: Record<string, unknown>;
  parentRun?: string;
  /** Object ids of the rows, and each row's values. */
  ids: number[];
  values: (id: number) => number[];
  /** Scores are stored 1-D. */
  columns: number;
}

/** A finished run with its arrays, as a step would leave it. */
export async function addRun(ws: Workspace, spec: RunSpec): Promise<string> {
  const id = startRun(ws.db, {
    kind: spec.kind,
    method: spec.method,
    modality: 'image',
    params: spec.params,
    parentRun: spec.parentRun,
  });
  const folders: Partial<Record<RunKind, string>> = {
    embedding: ws.paths.embeddings,
    score: ws.paths.scores,
    map: ws.paths.maps,
  };
  const folder = folders[spec.kind]!;
  const data = new Float32Array(spec.ids.flatMap(spec.values));
  await saveRunArray(folder, id, {
    data,
    rows: spec.ids.length,
    columns: spec.columns,
    ids: Float64Array.from(spec.ids),
  });
  finishRun(ws.db, id, 'done');
  return id;
}

/** A model's sha256 as runs record it: 64 hex digits from a short tag. */
export function fakeSha(tag: string): string {
  return tag.padEnd(64, '0');
}

/** Params of an ONNX embedding run of model `tag`. */
export function onnxParams(tag: string): Record<string, unknown> {
  return { model: { sha256: fakeSha(tag), path: `models/onnx/${fakeSha(tag)}.onnx` }, store: STORE };
}
