import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, realpathSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { mergeWorkspaces } from '../../../../electron/core/shards/merge/merge-workspaces.js';
import { MergeRefusal } from '../../../../electron/core/shards/merge/merge-input.js';
import { openDatabase } from '../../../../electron/core/workspace/database.js';
import { LATEST_SCHEMA_VERSION } from '../../../../electron/core/workspace/migrations/index.js';
import { finishRun, startRun } from '../../../../electron/core/workspace/repositories/runs-repo.js';
import type { Workspace } from '../../../../electron/core/workspace/workspace.js';
import { useTempDir } from '../../../helpers/temp-dir.js';
import { addRun, makeShard, onnxParams, type ShardSpec } from './shard-fixtures.js';

const tempDir = useTempDir('serendip-merge-refusals-');

let dir: string;
let out: string;

beforeEach(() => {
  dir = realpathSync(tempDir());
  out = join(dir, 'merged');
});

/** A shard at dir/<name>, changed by `edit` before it is closed. */
async function shard(name: string, spec: ShardSpec, edit?: (ws: Workspace) => unknown): Promise<string> {
  const path = join(dir, name);
  const ws = makeShard(path, spec);
  await edit?.(ws);
  ws.close();
  return path;
}

function onnxRun(model: string) {
  return (ws: Workspace) =>
    addRun(ws, {
      kind: 'embedding',
      method: 'onnx',
      params: onnxParams(model),
      ids: [1],
      values: () => [1],
      columns: 1,
    });
}

/** The refusal's message; the target must not have been made. */
function refusal(shards: string[], target = out): string {
  const existed = existsSync(target);
  let message = '';
  try {
    mergeWorkspaces(target, shards);
  } catch (err) {
    expect(err).toBeInstanceOf(MergeRefusal);
    message = (err as Error).message;
  }
  if (!existed) expect(existsSync(target)).toBe(false);
  return message;
}

function stoppedPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString());
}

describe('serendip merge refuses, before writing anything', () => {
  it('a folder that is not a workspace, one named twice, or the target among the shards', async () => {
    const a = await shard('a', { names: ['a0'] });
    mkdirSync(join(dir, 'empty'));
    expect(refusal([a, join(dir, 'empty')])).toBe(`${join(dir, 'empty')} is not a Serendip workspace (no serendip.db)`);
    expect(refusal([a, `${a}/`])).toMatch(/is named twice/);
    expect(refusal([a], a)).toBe(`${a} is the target itself: name another folder`);
  });

  it('workspaces of different schema versions, saying which to update', async () => {
    const a = await shard('a', { names: ['a0'] });
    const b = await shard('b', { names: ['b0'] });
    const db = openDatabase(join(b, 'serendip.db'));
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION - 1}`);
    db.close();
    expect(refusal([a, b])).toBe(
      `${a} has schema version ${LATEST_SCHEMA_VERSION} and ${b} ${LATEST_SCHEMA_VERSION - 1}: open ${b} once ` +
        `with this Serendip (\`serendip status ${b}\`) to update it, then merge`,
    );
    const newer = openDatabase(join(b, 'serendip.db'));
    newer.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    newer.close();
    expect(refusal([a, b])).toMatch(/newer than this Serendip's .*: update Serendip/);
  });

  it('a different input geometry: store layout, or ingest input size and crop', async () => {
    const a = await shard('a', { names: ['a0'] });
    const wide = await shard('b', { names: ['b0'], store: 'image-8x8x1.npy' });
    expect(refusal([a, wide])).toBe(
      `${wide} was ingested with another input geometry than ${a} (image inputs image-8x8x1.npy; inputSize 8, ` +
        'crop 1, against image inputs image-4x4x1.npy; inputSize 4, crop 1): ingest every shard with the same ' +
        '--input-size and --crop',
    );
    const cropped = await shard('c', { names: ['c0'], ingest: { params: { crop: 0.5 } } });
    expect(refusal([a, cropped])).toMatch(/c was ingested with another input geometry .*crop 0\.5.*--crop/);
  });

  it('comparable runs made with different models, or missing in one shard', async () => {
    const a = await shard('a', { names: ['a0'] }, onnxRun('a1'));
    const other = await shard('b', { names: ['b0'] }, onnxRun('b2'));
    expect(refusal([a, other])).toMatch(
      new RegExp(
        `^the models differ between ${a} \\(run embedding-onnx-\\S+: onnx embedding \\(model a10000000000\\)\\) ` +
          `and ${other} \\(run embedding-onnx-\\S+: onnx embedding \\(model b20000000000\\)\\): make both`,
      ),
    );
    const none = await shard('c', { names: ['c0'] });
    expect(refusal([a, none])).toMatch(
      new RegExp(`^${none} lacks the onnx embedding \\(model a10000000000\\) that ${a} has \\(run embedding-onnx-`),
    );
  });

  it('object names or items of one file in two workspaces, with a few examples and the count', async () => {
    const names = ['n0', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6'];
    const a = await shard('a', { names });
    const b = await shard('b', { names });
    expect(refusal([a, b])).toBe(
      `object names in more than one workspace (7): ${names
        .slice(0, 5)
        .map((n) => `${n} (${a} and ${b})`)
        .join('; ')}, …. Merge shards that hold different objects (one plan, or disjoint files).`,
    );
    const big = { path: '/data/big.h5', item: 1 };
    const c = await shard('c', { names: ['c0'], source: () => big });
    const d = await shard('d', { names: ['d0'], source: () => big });
    expect(refusal([c, d])).toBe(
      `items of one source file in more than one workspace (1): item 1 of /data/big.h5 (${c} and ${d}). ` +
        'The same file was ingested in two workspaces: merge only one of them.',
    );
  });

  it('a shard still running, or killed', async () => {
    const a = await shard('a', { names: ['a0'] });
    const running = await shard('b', { names: ['b0'] }, (ws) => {
      const id = startRun(ws.db, { kind: 'embedding', method: 'pca' });
      ws.db.prepare('UPDATE runs SET owner = ? WHERE id = ?').run('gpu-node-7 4242', id);
    });
    expect(refusal([a, running])).toMatch(
      /b is still running: its embedding run embedding-pca-\S+ is still marked running by gpu-node-7 4242; merge it/,
    );
    const killed = await shard('c', { names: ['c0'] }, (ws) => {
      const id = startRun(ws.db, { kind: 'map', method: 'umap' });
      ws.db.prepare('UPDATE runs SET owner = ? WHERE id = ?').run(`${hostname()} ${stoppedPid()}`, id);
    });
    expect(refusal([a, killed])).toMatch(/c was interrupted: its map run \S+ is still marked running, but its process/);
    const interrupted = await shard('d', { names: ['d0'] }, (ws) => {
      const id = startRun(ws.db, { kind: 'ingest', method: 'files' });
      finishRun(ws.db, id, 'failed', 'interrupted: the process running it (pid 7) stopped before it finished');
    });
    expect(refusal([a, interrupted])).toMatch(
      /d did not finish ingesting: its files ingest run \S+ was interrupted \(interrupted: the process/,
    );
  });

  it('a plan shard whose plan ingest is not done, even after another ingest', async () => {
    const a = await shard('a', { names: ['a0'] });
    const plan = { method: 'plan' as const, params: { plan: 'ab'.repeat(32), shard: 1, shards: 4 } };
    const cancelled = await shard('b', { names: ['b0'], ingest: plan }, (ws) => {
      const id = startRun(ws.db, { kind: 'ingest', method: 'plan', params: plan.params });
      finishRun(ws.db, id, 'cancelled');
      finishRun(ws.db, startRun(ws.db, { kind: 'ingest', method: 'files' }), 'done');
    });
    expect(refusal([a, cancelled])).toMatch(/b did not finish ingesting: its plan ingest run \S+ was cancelled/);
  });

  it('a shard merged twice: into the same target, a plan shard from two folders, a merged workspace', async () => {
    const plan = { method: 'plan' as const, params: { plan: 'cd'.repeat(32), shard: 0, shards: 2 } };
    const a = await shard('a', { names: ['a0'], ingest: plan });
    const copy = await shard('a-copy', { names: ['x0'], ingest: plan });
    expect(refusal([a, copy])).toMatch(/a-copy is shard 0 of plan cdcdcdcdcdcd, and so is .*a: merge each shard/);
    mergeWorkspaces(out, [a]);
    const objects = () => {
      const db = openDatabase(join(out, 'serendip.db'), { readonly: true });
      const n = db.prepare('SELECT count(*) FROM objects').pluck().get();
      db.close();
      return n;
    };
    expect(refusal([a])).toMatch(new RegExp(`^${a} was already merged into the target on \\d{4}-`));
    expect(refusal([copy])).toMatch(/a-copy is shard 0 of plan cdcdcdcdcdcd, and so is the target \(from .*a\)/);
    expect(objects()).toBe(1);
    expect(refusal([out], join(dir, 'again'))).toMatch(/merged is itself a merged workspace: merge the shards/);
  });
});
