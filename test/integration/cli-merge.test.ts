// `serendip merge` through the built CLI: one demo collection's files ingested as three disjoint
// shards, each embedded with the same ONNX encoder and labelled; merged (two shards, then a third
// added later), the merged workspace answers status, similar, rank, top and export, and embedding it
// again with the same encoder gives the merged vectors exactly (it reads every shard's inputs).
// Each refusal exits 1 with its one-line reason and leaves no target behind.
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readNpyFile } from '../../electron/core/formats/arrays/npy.js';
import { LATEST_SCHEMA_VERSION } from '../../electron/core/workspace/migrations/index.js';
import { SerendipService } from '../../electron/core/api/serendip-service.js';
import { startBrowserServer } from '../../electron/server/browser-server.js';
import { convEncoderModel } from '../helpers/onnx-model-builder.js';
import { runCli, runCliOk } from '../helpers/run-cli.js';
import { openWorkspaceDb, readWorkspaceDb } from '../helpers/workspace-db.js';
import { useSharedTempDir } from '../helpers/temp-dir.js';

const ok = runCliOk;
const root = useSharedTempDir('serendip-cli-merge-')();
const at = (name: string) => join(root, name);
const shards = ['s1', 's2', 's3'].map(at);
const encoder = (seed: number) => {
  const path = at(`encoder-${seed}.onnx`);
  writeFileSync(path, convEncoderModel({ layout: 'nchw', size: 32, bands: 3, dim: 8, dynamicSpatial: true, seed }));
  return path;
};
const embed = (ws: string, model: string) => ok(['embed', ws, '--model', model, '--input-size', '32']);

/** The demo's files dealt into `count` folders, one file in turn to each. */
function dealFiles(demo: string, count: number): string[] {
  const folders = Array.from({ length: count }, (_, i) => at(`files-${i + 1}`));
  for (const f of folders) mkdirSync(f, { recursive: true });
  const data = join(demo, 'demo-data');
  const files = ['fits', 'png'].flatMap((sub) => readdirSync(join(data, sub)).map((n) => join(data, sub, n))).sort();
  files.forEach((file, i) => cpSync(file, join(folders[i % count], file.split('/').pop()!)));
  return folders;
}

/** Object names of a workspace, in id order. */
function names(ws: string): string[] {
  return readWorkspaceDb(ws, (db) => db.prepare('SELECT name FROM objects ORDER BY id').pluck().all() as string[]);
}

/** The vectors of the workspace's newest embedding run. */
function newestEmbedding(ws: string): { ids: number[]; data: number[] } {
  const id = readWorkspaceDb(ws, (db) =>
    db.prepare("SELECT id FROM runs WHERE kind = 'embedding' AND status = 'done' ORDER BY created DESC").pluck().get(),
  ) as string;
  return runVectors(ws, id);
}

function runVectors(ws: string, id: string): { ids: number[]; data: number[] } {
  return {
    ids: [...readNpyFile(join(ws, 'embeddings', `${id}.ids.npy`)).data].map(Number),
    data: [...readNpyFile(join(ws, 'embeddings', `${id}.npy`)).data].map(Number),
  };
}

/** The error line (progress lines come before it). */
function lastLine(text: string): string {
  return text.trim().split('\n').at(-1)!;
}

function refused(args: string[], target: string): string {
  const result = runCli(['merge', target, ...args]);
  expect(result.status, result.stderr).toBe(1);
  expect(existsSync(target)).toBe(false);
  return lastLine(result.stderr);
}

let model: string;
let folders: string[];

beforeAll(() => {
  ok(['demo', at('demo'), '--objects', '36', '--seed', '5']);
  folders = dealFiles(at('demo'), 3);
  model = encoder(1);
  shards.forEach((ws, i) => {
    ok(['ingest', ws, folders[i]]);
    embed(ws, model);
  });
  const [first] = names(shards[0]);
  const [, second] = names(shards[1]);
  ok(['label', shards[0], first, 'lens', '--relevance', '4']);
  ok(['label', shards[1], second, 'ring']);
  ok(['label', shards[1], second, 'arc']);
  ok(['label', shards[1], '--undo']);
}, 300_000);

describe('serendip merge', () => {
  const out = at('merged');

  it('merges two shards: objects, labels and the ONNX embedding as one run', () => {
    const { stderr } = ok(['merge', out, shards[0], shards[1]]);
    const objects = names(shards[0]).length + names(shards[1]).length;
    expect(stderr).toContain(`merge: merged 2 shard(s) into ${out} (new): ${objects} objects`);
    expect(stderr).toMatch(new RegExp(`embedding-onnx-\\S+  onnx embedding \\(model [0-9a-f]{12}\\)  ${objects} rows`));
    expect(names(out)).toEqual([...names(shards[0]), ...names(shards[1])]);

    const status = ok(['status', out]).stdout;
    expect(status).toContain(`objects: ${objects} (${objects} images, 0 spectra)`);
    expect(status).toContain('merged from 2 shard(s)');
    expect(status).toContain(`  ${shards[1]}  ${names(shards[1]).length} objects, merged `);

    // The merged vectors are the shards' vectors, one after the other.
    const merged = newestEmbedding(out);
    expect(merged.data).toEqual([...newestEmbedding(shards[0]).data, ...newestEmbedding(shards[1]).data]);
    const history = readWorkspaceDb(out, (db) =>
      db.prepare('SELECT label, source, reverts FROM label_events ORDER BY id').all(),
    );
    expect(history).toEqual([
      { label: 'lens', source: 'user', reverts: null },
      { label: 'ring', source: 'user', reverts: null },
      { label: 'arc', source: 'user', reverts: null },
      { label: 'ring', source: 'undo', reverts: 3 },
    ]);
  });

  it('answers similar, rank, top and export on the merged workspace', () => {
    const name = names(shards[1])[0];
    const similar = JSON.parse(ok(['similar', out, name, '-k', '3', '--json']).stdout) as { name: string }[];
    expect(similar).toHaveLength(3);
    ok(['rank', out, '--method', 'knn']);
    const top = JSON.parse(ok(['top', out, '-n', '5', '--json']).stdout) as { name: string }[];
    expect(top).toHaveLength(5);
    const exported = at('export');
    ok(['export', out, exported, '--labelled-only', '--with-files', '--with-embeddings']);
    const csv = readFileSync(join(exported, 'objects.csv'), 'utf8');
    expect(csv).toContain(`${names(shards[0])[0]},`);
    expect(csv).toMatch(new RegExp(`${names(shards[1])[1]},.*ring`));
    expect(readdirSync(join(exported, 'files', 'lens'))).toHaveLength(1);
    expect(readNpyFile(join(exported, 'embeddings.npy')).shape).toEqual([2, 8]);
  });

  it("serves the merged workspace's thumbnails from the shards in browser mode", async () => {
    const rendererDir = at('renderer');
    mkdirSync(rendererDir, { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Serendip</title>');
    const service = SerendipService.open(out);
    const server = await startBrowserServer(service, { rendererDir });
    try {
      const last = names(out).length;
      const { thumb } = service.objectDetails(last);
      expect(thumb).toMatch(/^thumbs\/s2-[0-9a-f]{8}\//);
      const headers = { Host: `127.0.0.1:${server.port}`, 'X-Serendip-Token': server.token };
      const response = await fetch(`http://127.0.0.1:${server.port}/files/${thumb}`, { headers });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/webp');
      const shardThumb = readWorkspaceDb(shards[1], (db) =>
        db.prepare('SELECT thumb FROM objects ORDER BY id DESC LIMIT 1').pluck().get(),
      ) as string;
      expect(Buffer.from(await response.arrayBuffer())).toEqual(readFileSync(join(shards[1], shardThumb)));
    } finally {
      await service.jobRunner.dispose();
      await server.close();
      service.close();
    }
  });

  it("embeds the merged workspace from every shard's model inputs, to the merged vectors exactly", () => {
    const merged = newestEmbedding(out);
    const run = /embed: run (\S+), (\d+) objects/.exec(embed(out, model).stderr);
    expect(Number(run?.[2])).toBe(names(out).length);
    expect(runVectors(out, run![1])).toEqual(merged);
  });

  it('adds a shard merged later; the same shard again is refused', () => {
    const before = newestEmbedding(out);
    const { stderr } = ok(['merge', out, shards[2]]);
    expect(stderr).toContain(`merge: merged 1 shard(s) into ${out}: ${names(shards[2]).length} objects`);
    expect(stderr).toMatch(/\(extended\)/);
    // The newer of the two runs of one model grows; the older one, and the knn scores, cover the first two shards.
    expect(stderr).toMatch(/note: embedding onnx \S+, score knn \S+ cover\(s\) only the target's earlier objects/);
    const after = newestEmbedding(out);
    expect(after.data).toEqual([...before.data, ...newestEmbedding(shards[2]).data]);
    expect(after.ids.slice(0, before.ids.length)).toEqual(before.ids);

    const again = runCli(['merge', out, shards[0]]);
    expect(again.status).toBe(1);
    expect(lastLine(again.stderr)).toMatch(
      new RegExp(`^serendip: ${shards[0]} was already merged into the target on \\d{4}-`),
    );
  });

  it('refuses, with the reason, shards that cannot be merged', () => {
    const plain = at('plain');
    ok(['ingest', plain, folders[1]]);
    expect(refused([shards[0], plain], at('t1'))).toMatch(
      new RegExp(`^serendip: ${plain} lacks the onnx embedding \\(model [0-9a-f]{12}\\) that ${shards[0]} has`),
    );
    const other = at('other-model');
    cpSync(plain, other, { recursive: true });
    embed(other, encoder(2));
    expect(refused([shards[0], other], at('t2'))).toMatch(/^serendip: the models differ between /);
    const twin = at('twin');
    ok(['ingest', twin, folders[0]]);
    embed(twin, model);
    expect(refused([shards[0], twin], at('t3'))).toMatch(
      /^serendip: object names in more than one workspace \(\d+\): .*Merge shards that hold different objects/,
    );
    const small = at('small');
    ok(['ingest', small, folders[1], '--input-size', '32']);
    expect(refused([plain, small], at('t4'))).toMatch(/small was ingested with another input geometry than .*plain/);

    const edit = (name: string, sql: string[]) => {
      const copy = at(name);
      cpSync(plain, copy, { recursive: true });
      const db = openWorkspaceDb(copy, true);
      for (const statement of sql) db.exec(statement);
      db.close();
      return copy;
    };
    const older = edit('older', [`PRAGMA user_version = ${LATEST_SCHEMA_VERSION - 1}`]);
    expect(refused([plain, older], at('t5'))).toMatch(
      new RegExp(
        `has schema version ${LATEST_SCHEMA_VERSION} and .*older ${LATEST_SCHEMA_VERSION - 1}: open .*older once`,
      ),
    );
    const busy = edit('busy', [
      "UPDATE runs SET status = 'running', finished = NULL, owner = 'gpu-node-7 4242' WHERE kind = 'ingest'",
    ]);
    expect(refused([shards[0], busy], at('t6'))).toMatch(/busy is still running: its ingest run \S+ is still marked/);
    const killed = edit('killed', [
      "UPDATE runs SET status = 'failed', message = 'interrupted: the process running it (pid 9) stopped' " +
        "WHERE kind = 'ingest'",
    ]);
    expect(refused([shards[0], killed], at('t7'))).toMatch(/killed did not finish ingesting: .* was interrupted/);
  });
});
