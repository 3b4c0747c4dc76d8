// `serendip merge` killed with SIGKILL at seeded random moments while it adds a shard to a merged
// workspace (its checks, links, run arrays, the rows' transaction). After every kill the target opens,
// holds the shard wholly or not at all, and merging again ends exactly where an uninterrupted merge
// does: the same objects, labels, provenance and merged run arrays. SERENDIP_CRASH_TRIALS sets the
// number of kills (default 6).
import { createHash } from 'node:crypto';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeNpy } from '../../electron/core/formats/arrays/npy.js';
import { Workspace } from '../../electron/core/workspace/workspace.js';
import { finishRun, startRun } from '../../electron/core/workspace/repositories/runs-repo.js';
import { SeededRandom } from '../../electron/core/discovery/seeded-random.js';
import { runAndKill } from '../helpers/crash-checks.js';
import { CLI_PATH, runCli, runCliOk } from '../helpers/run-cli.js';
import { readWorkspaceDb } from '../helpers/workspace-db.js';
import { useSharedTempDir } from '../helpers/temp-dir.js';

const TRIALS = Number(process.env.SERENDIP_CRASH_TRIALS ?? 6);
const OBJECTS = 40_000;
const DIM = 32;
const root = useSharedTempDir('serendip-merge-crash-')();
const at = (name: string) => join(root, name);
let mergeMs = 0;

/** A shard of `OBJECTS` objects (one source file each), labels on every 100th, and an ONNX run of known vectors. */
function syntheticShard(dir: string, tag: string): void {
  const ws = Workspace.open(dir, { create: true });
  const ingest = startRun(ws.db, { kind: 'ingest', method: 'files', params: { inputSize: 64, crop: 1 } });
  ws.db.exec(`
    WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ${OBJECTS})
    INSERT INTO source_files (id, path, size, mtime_ms, format, ingested_at)
      SELECT i, '/data/${tag}/' || i || '.fits', 100, 1, 'fits', 'then' FROM k;
    WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ${OBJECTS})
    INSERT INTO objects (id, name, modality, file_id, item_index, input_store, input_row, thumb, created_at, updated_at)
      SELECT i, '${tag}-' || i, 'image', i, 0, 'image-64x64x3.npy', i - 1, 'thumbs/ab/' || i || '.webp', 'then', 'then'
      FROM k;
    WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ${OBJECTS / 100})
    INSERT INTO label_events (object_id, action, label, source, at)
      SELECT i * 100, 'set', 'lens', 'user', 'then' FROM k;
    INSERT INTO labels (object_id, label, event_id, updated_at) SELECT object_id, label, id, at FROM label_events;
  `);
  finishRun(ws.db, ingest, 'done');
  const params = { model: { sha256: 'ab'.repeat(32) } };
  const run = startRun(ws.db, { kind: 'embedding', method: 'onnx', modality: 'image', params });
  const random = new SeededRandom(tag.charCodeAt(0));
  const vectors = Float32Array.from({ length: OBJECTS * DIM }, () => random.nextFloat());
  writeNpy(join(ws.paths.embeddings, `${run}.npy`), vectors, [OBJECTS, DIM]);
  writeNpy(
    join(ws.paths.embeddings, `${run}.ids.npy`),
    BigInt64Array.from({ length: OBJECTS }, (_, i) => BigInt(i + 1)),
    [OBJECTS],
  );
  finishRun(ws.db, run, 'done');
  ws.close();
}

/** What must be equal between two merged workspaces (run ids of new runs aside). */
function contents(ws: string) {
  return readWorkspaceDb(ws, (db) => {
    const count = (sql: string) => db.prepare(sql).pluck().get();
    const embedding = db
      .prepare("SELECT id FROM runs WHERE kind = 'embedding' AND status = 'done' ORDER BY created")
      .pluck()
      .all() as string[];
    return {
      objects: count("SELECT count(*) || ',' || max(id) || ',' || total(file_id) FROM objects"),
      names: count("SELECT group_concat(name, ',') FROM (SELECT name FROM objects WHERE id % 997 = 0 ORDER BY id)"),
      events: count("SELECT count(*) || ',' || total(object_id) FROM label_events"),
      shards: db.prepare('SELECT key, path, objects, id_offset FROM merged_shards ORDER BY id').all(),
      // Digests of the files: equal files, equal digests.
      embedding: embedding.map((id) => ({
        data: digest(join(ws, 'embeddings', `${id}.npy`)),
        ids: digest(join(ws, 'embeddings', `${id}.ids.npy`)),
      })),
    };
  });
}

function digest(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

beforeAll(() => {
  for (const tag of ['a', 'b', 'c']) syntheticShard(at(tag), tag);
  runCliOk(['merge', at('base'), at('a'), at('b')]);
  cpSync(at('base'), at('reference'), { recursive: true });
  const started = performance.now();
  runCliOk(['merge', at('reference'), at('c')]);
  // Kills are spread over the time an uninterrupted merge takes on this machine.
  mergeMs = performance.now() - started;
}, 300_000);

describe('serendip merge, killed', () => {
  it(`leaves the target whole, and merging again finishes it, over ${TRIALS} kills`, async () => {
    const reference = contents(at('reference'));
    const random = new SeededRandom(7);
    let killed = 0;
    let committed = 0;
    for (let trial = 0; trial < TRIALS; trial++) {
      const target = at(`trial-${trial}`);
      cpSync(at('base'), target, { recursive: true });
      // Every other kill is aimed at the writing: from the start of the run arrays to the commit.
      const aimed = trial % 2 === 1;
      const delay = Math.floor(random.nextFloat() * (aimed ? mergeMs / 2 : mergeMs));
      const outcome = await runAndKill([CLI_PATH, 'merge', target, at('c')], delay, aimed ? /merge run arrays/ : false);
      if (outcome.finished === null) killed++;
      const merged = readWorkspaceDb(target, (db) => db.prepare('SELECT count(*) FROM merged_shards').pluck().get());
      const objects = readWorkspaceDb(target, (db) => db.prepare('SELECT count(*) FROM objects').pluck().get());
      const when = `trial ${trial}, kill ${delay} ms after ${aimed ? 'the arrays began' : 'the start'}`;
      expect([2, 3], when).toContain(merged);
      expect(objects, when).toBe(merged === 2 ? 2 * OBJECTS : 3 * OBJECTS);
      if (merged === 3) committed++;
      if (merged === 2) runCliOk(['merge', target, at('c')]);
      else expect(runCli(['merge', target, at('c')]).status, when).toBe(1);
      expect(contents(target), when).toEqual(reference);
    }
    console.log(
      `merge crash safety: ${TRIALS} trials over ${Math.round(mergeMs)} ms merges, ${killed} killed, ` +
        `${committed} had committed`,
    );
    expect(killed).toBeGreaterThan(0);
  }, 600_000);
});
