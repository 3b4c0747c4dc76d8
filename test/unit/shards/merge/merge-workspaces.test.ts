import { existsSync, readFileSync, realpathSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { mergeWorkspaces } from '../../../../electron/core/shards/merge/merge-workspaces.js';
import { loadRunArray } from '../../../../electron/core/discovery/run-arrays.js';
import {
  ModelInputReader,
  decodeBatch,
  inputStores,
} from '../../../../electron/core/discovery/embeddings/model-input-batches.js';
import { Workspace } from '../../../../electron/core/workspace/workspace.js';
import {
  clearLabel,
  setLabel,
  setLabels,
  undoLastLabelChange,
} from '../../../../electron/core/workspace/repositories/labels-repo.js';
import { putMetadata } from '../../../../electron/core/workspace/repositories/metadata-repo.js';
import { recordIngestError } from '../../../../electron/core/workspace/repositories/ingest-errors-repo.js';
import { replaceIngestWarnings } from '../../../../electron/core/workspace/repositories/ingest-warnings-repo.js';
import { listMergedShards } from '../../../../electron/core/workspace/repositories/merged-shards-repo.js';
import { getRun, listRuns, startRun, finishRun } from '../../../../electron/core/workspace/repositories/runs-repo.js';
import { shardKey } from '../../../../electron/core/shards/merge/shard-links.js';
import { useTempDir } from '../../../helpers/temp-dir.js';
import { STORE, addRun, fakeSha, makeShard, onnxParams } from './shard-fixtures.js';

const tempDir = useTempDir('serendip-merge-');

const BIG = '/data/big.h5';
const embeddingValues = (id: number) => [id * 10, id * 10 + 1];
const scoreValues = (id: number) => [id / 10];

/** An ONNX embedding (model a1) and a forest score of it (forest f0): the runs every shard must have. */
async function addComparableRuns(ws: Workspace, ids: number[]): Promise<{ embedding: string; score: string }> {
  const embedding = await addRun(ws, {
    kind: 'embedding',
    method: 'onnx',
    params: onnxParams('a1'),
    ids,
    values: embeddingValues,
    columns: 2,
  });
  const score = await addRun(ws, {
    kind: 'score',
    method: 'iforest',
    params: { embeddingRun: embedding, fitted: { kind: 'forest', sha256: fakeSha('f0') } },
    parentRun: embedding,
    ids,
    values: scoreValues,
    columns: 1,
  });
  return { embedding, score };
}

let dir: string;
let a: string;
let b: string;
let out: string;

beforeEach(async () => {
  dir = realpathSync(tempDir());
  a = join(dir, 'shard-a');
  b = join(dir, 'shard-b');
  out = join(dir, 'merged');
  const split = (item: number) => ({ path: BIG, item });
  const shardA = makeShard(a, {
    names: ['a0', 'a1', 'a2'],
    source: (i) => (i < 2 ? split(i) : { path: 'local/a2.fits', item: 0 }),
  });
  setLabel(shardA.db, 1, { label: 'lens', relevance: 5, note: null });
  setLabel(shardA.db, 2, { label: 'ring', relevance: null, note: null });
  undoLastLabelChange(shardA.db);
  setLabel(shardA.db, 3, { label: 'merger', relevance: 2, note: 'two nuclei' });
  putMetadata(shardA.db, 1, [{ key: 'z', value: '0.5', number: 0.5 }], 'cat.csv');
  replaceIngestWarnings(shardA.db, BIG, ['odd card'], '2026-01-01T00:00:00.000Z');
  await addComparableRuns(shardA, [1, 2, 3]);
  const pca = await addRun(shardA, { kind: 'embedding', method: 'pca', ids: [1], values: () => [0], columns: 1 });
  await addRun(shardA, { kind: 'map', method: 'umap', parentRun: pca, ids: [1], values: () => [0, 0], columns: 2 });
  shardA.close();

  const shardB = makeShard(b, { names: ['b0', 'b1'], source: (i) => split(i + 2), marker: 100 });
  setLabel(shardB.db, 2, { label: 'arc', relevance: null, note: null });
  clearLabel(shardB.db, 2);
  undoLastLabelChange(shardB.db);
  recordIngestError(shardB.db, { path: 'broken.fits', reason: 'truncated', size: 3, mtime_ms: 1, at: 'then' });
  replaceIngestWarnings(shardB.db, BIG, ['odd card', 'another'], '2026-01-02T00:00:00.000Z');
  await addComparableRuns(shardB, [1, 2]);
  shardB.close();
});

describe('serendip merge', () => {
  it('carries objects, split files, labels with their history, and comparable runs, renumbering ids', () => {
    const result = mergeWorkspaces(out, [a, b]);
    expect(result.created).toBe(true);
    expect(result.shards.map((s) => [s.path, s.objects, s.idOffset])).toEqual([
      [a, 3, 0],
      [b, 2, 3],
    ]);
    expect(result.counts).toMatchObject({ objects: 5, sourceFiles: 2, sharedSourceFiles: 1, labelEvents: 7 });
    expect(result.notCarried.map((n) => `${n.kind} ${n.method}`)).toEqual(['embedding pca', 'map umap']);

    const ws = Workspace.open(out);
    const { db } = ws;
    const keyA = shardKey(a);
    const keyB = shardKey(b);
    const objects = db
      .prepare(
        'SELECT o.id, o.name, o.item_index, f.path, o.input_store, o.thumb FROM objects o ' +
          'JOIN source_files f ON f.id = o.file_id ORDER BY o.id',
      )
      .all();
    expect(objects).toEqual([
      {
        id: 1,
        name: 'a0',
        item_index: 0,
        path: BIG,
        input_store: `${keyA}/${STORE}`,
        thumb: `thumbs/${keyA}/a0/a0.webp`,
      },
      {
        id: 2,
        name: 'a1',
        item_index: 1,
        path: BIG,
        input_store: `${keyA}/${STORE}`,
        thumb: `thumbs/${keyA}/a1/a1.webp`,
      },
      {
        id: 3,
        name: 'a2',
        item_index: 0,
        path: join(a, 'local/a2.fits'),
        input_store: `${keyA}/${STORE}`,
        thumb: `thumbs/${keyA}/a2/a2.webp`,
      },
      {
        id: 4,
        name: 'b0',
        item_index: 2,
        path: BIG,
        input_store: `${keyB}/${STORE}`,
        thumb: `thumbs/${keyB}/b0/b0.webp`,
      },
      {
        id: 5,
        name: 'b1',
        item_index: 3,
        path: BIG,
        input_store: `${keyB}/${STORE}`,
        thumb: `thumbs/${keyB}/b1/b1.webp`,
      },
    ]);
    expect(db.prepare('SELECT count(*) FROM source_files WHERE path = ?').pluck().get(BIG)).toBe(1);
    // Thumbnails are read through the shard's link.
    expect(readFileSync(ws.resolvePath(`thumbs/${keyB}/b1/b1.webp`), 'utf8')).toBe('thumb of b1');

    // Shard B's events follow shard A's four, and its undo still names the event it undid.
    const events = db
      .prepare('SELECT id, object_id, action, label, source, reverts FROM label_events ORDER BY id')
      .all();
    expect(events).toEqual([
      { id: 1, object_id: 1, action: 'set', label: 'lens', source: 'user', reverts: null },
      { id: 2, object_id: 2, action: 'set', label: 'ring', source: 'user', reverts: null },
      { id: 3, object_id: 2, action: 'clear', label: null, source: 'undo', reverts: 2 },
      { id: 4, object_id: 3, action: 'set', label: 'merger', source: 'user', reverts: null },
      { id: 5, object_id: 5, action: 'set', label: 'arc', source: 'user', reverts: null },
      { id: 6, object_id: 5, action: 'clear', label: null, source: 'user', reverts: null },
      { id: 7, object_id: 5, action: 'set', label: 'arc', source: 'undo', reverts: 6 },
    ]);
    expect(
      db.prepare('SELECT object_id, label, relevance, note, event_id FROM labels ORDER BY object_id').all(),
    ).toEqual([
      { object_id: 1, label: 'lens', relevance: 5, note: null, event_id: 1 },
      { object_id: 3, label: 'merger', relevance: 2, note: 'two nuclei', event_id: 4 },
      { object_id: 5, label: 'arc', relevance: null, note: null, event_id: 7 },
    ]);
    // Undo walks the merged history: B's clear counts as undone (event 7 reverts it), so its 'arc' is next.
    expect(undoLastLabelChange(db)).toEqual([{ objectId: 5, restored: null }]);
    expect(db.prepare('SELECT reverts FROM label_events WHERE id = 8').pluck().get()).toBe(5);

    expect(db.prepare('SELECT object_id, key, value FROM object_metadata').all()).toEqual([
      { object_id: 1, key: 'z', value: '0.5' },
    ]);
    expect(db.prepare('SELECT path, reason FROM ingest_errors').all()).toEqual([
      { path: join(b, 'broken.fits'), reason: 'truncated' },
    ]);
    expect(db.prepare('SELECT path, message FROM ingest_warnings ORDER BY rowid').all()).toEqual([
      { path: BIG, message: 'odd card' },
      { path: BIG, message: 'another' },
    ]);

    const runs = listRuns(db).filter((r) => r.kind !== 'ingest');
    expect(runs.map((r) => `${r.kind} ${r.method} ${r.status}`)).toEqual(['embedding onnx done', 'score iforest done']);
    const [embedding, score] = runs;
    expect(score.parent_run).toBe(embedding.id);
    expect(JSON.parse(score.params)).toMatchObject({ embeddingRun: embedding.id, merge: { rows: 5 } });
    expect(JSON.parse(embedding.params).merge.sources).toHaveLength(2);
    const vectors = loadRunArray(ws.paths.embeddings, embedding.id);
    expect([...vectors.ids]).toEqual([1, 2, 3, 4, 5]);
    expect([...vectors.data]).toEqual([1, 2, 3, 1, 2].flatMap(embeddingValues));
    const scores = loadRunArray(ws.paths.scores, score.id);
    expect([...scores.ids]).toEqual([1, 2, 3, 4, 5]);
    expect([...scores.data]).toEqual([...Float32Array.from([1, 2, 3, 1, 2].flatMap(scoreValues))]);

    expect(listMergedShards(db).map((s) => [s.key, s.path, s.objects, s.id_offset])).toEqual([
      [keyA, a, 3, 0],
      [keyB, b, 2, 3],
    ]);
    ws.close();
  });

  it("keeps a shard's labelling of many objects one change: undone whole in the merged workspace", () => {
    const shard = Workspace.open(b);
    const value = { label: 'artefact: trail', relevance: null, note: null };
    setLabels(
      shard.db,
      [1, 2].map((objectId) => ({ objectId, value })),
      'user',
    );
    shard.close();
    mergeWorkspaces(out, [a, b]);
    const ws = Workspace.open(out);
    // B's objects 1 and 2 are 4 and 5 here; both were labelled at once, last of all. The batch names its first
    // event by its id here, renumbered like every event id.
    const first = ws.db
      .prepare("SELECT id, batch FROM label_events WHERE object_id = 4 AND label = 'artefact: trail'")
      .get() as { id: number; batch: number };
    expect(first.batch).toBe(first.id);
    expect(undoLastLabelChange(ws.db)?.map((u) => u.objectId)).toEqual([5, 4]);
    ws.close();
  });

  it("reads every shard's model inputs of a layout as one store, in id order", () => {
    mergeWorkspaces(out, [a, b]);
    const ws = Workspace.open(out);
    // The default store of an embedding is the layout, with every shard's objects.
    expect(inputStores(ws.db, 'image')).toEqual([{ name: STORE, objects: 5 }]);
    const reader = ModelInputReader.open(ws, STORE);
    expect([...reader.ids]).toEqual([1, 2, 3, 4, 5]);
    const batches = [...reader.batches(2)].map((batch) => [...decodeBatch(batch)].filter((_, k) => k % 16 === 0));
    expect(batches).toEqual([[1, 2], [3, 101], [102]]);
    // A learned model reads one file: it is told why it cannot, rather than reading the wrong rows.
    expect(() => reader.rows).toThrow(/inputs are in 2 folders.*export-model.*embed --model/);
    reader.close();
    // The merged workspace may move, its shards may not: a moved shard is named.
    renameSync(b, join(dir, 'moved'));
    expect(() => ModelInputReader.open(ws, STORE)).toThrow(`the shard folder ${b} that holds ${STORE} is gone`);
    ws.close();
  });

  it('adds shards merged later: merged runs keep their id and grow (old rows, then new), stale caches go', async () => {
    mergeWorkspaces(out, [a, b]);
    const c = join(dir, 'shard-c');
    const shardC = makeShard(c, { names: ['c0', 'c1'], marker: 200 });
    await addComparableRuns(shardC, [1, 2]);
    shardC.close();
    const first = Workspace.open(out);
    const [embedding] = listRuns(first.db, 'embedding');
    writeFileSync(join(first.paths.embeddings, `${embedding.id}.index`), 'an index of five rows');
    // A run made in the merged workspace itself covers only the objects it had.
    const own = startRun(first.db, { kind: 'map', method: 'umap', parentRun: embedding.id });
    finishRun(first.db, own, 'done');
    first.close();

    const result = mergeWorkspaces(out, [c]);
    expect(result.created).toBe(false);
    expect(result.shards.map((s) => s.idOffset)).toEqual([5]);
    expect(
      result.runs.map((r) => [r.id === embedding.id || r.title.startsWith('iforest'), r.rows, r.extended]),
    ).toEqual([
      [true, 7, true],
      [true, 7, true],
    ]);
    expect(result.partialRuns.map((r) => r.id)).toEqual([own]);

    const ws = Workspace.open(out);
    const vectors = loadRunArray(ws.paths.embeddings, embedding.id);
    expect([...vectors.ids]).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect([...vectors.data]).toEqual([1, 2, 3, 1, 2, 1, 2].flatMap(embeddingValues));
    expect(existsSync(join(ws.paths.embeddings, `${embedding.id}.index`))).toBe(false);
    const params = JSON.parse(getRun(ws.db, embedding.id)!.params);
    expect(params.merge.rows).toBe(7);
    expect(params.merge.sources.map((s: { workspace: string }) => s.workspace)).toEqual([a, b, c]);
    expect(listMergedShards(ws.db).map((s) => s.path)).toEqual([a, b, c]);
    expect(ws.db.prepare('SELECT name FROM objects WHERE id = 7').pluck().get()).toBe('c1');
    ws.close();
  });

  it('writes nothing on a dry run', () => {
    const result = mergeWorkspaces(out, [a, b], { dryRun: true });
    expect(result.dryRun).toBe(true);
    expect(result.runs).toHaveLength(2);
    expect(existsSync(out)).toBe(false);
  });
});
