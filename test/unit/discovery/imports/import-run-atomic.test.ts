// A failure after the arrays are written (here: marking the run done) must leave no run and no
// file behind: the run is recorded in the same transaction that moves its arrays into place.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importRun } from '../../../../electron/core/discovery/imports/import-run.js';
import { writeNpy } from '../../../../electron/core/formats/arrays/npy.js';
import { listRuns } from '../../../../electron/core/workspace/repositories/runs-repo.js';
import type { Workspace } from '../../../../electron/core/workspace/workspace.js';
import { useTempDir } from '../../../helpers/temp-dir.js';
import { workspaceWith } from './import-fixtures.js';

const failFinish = vi.hoisted(() => ({ on: false }));

vi.mock('../../../../electron/core/workspace/repositories/runs-repo.js', async (importOriginal) => {
  const original =
    await importOriginal<typeof import('../../../../electron/core/workspace/repositories/runs-repo.js')>();
  return {
    ...original,
    finishRun: (...args: Parameters<typeof original.finishRun>) => {
      if (failFinish.on) throw new Error('disk full');
      return original.finishRun(...args);
    },
  };
});

const tempDir = useTempDir('serendip-import-atomic-');
const open: Workspace[] = [];
afterEach(() => {
  failFinish.on = false;
  while (open.length) open.pop()!.close();
});

describe('importRun atomicity', () => {
  it('leaves no run and no array when recording the run fails, and succeeds once it does not', async () => {
    const dir = tempDir();
    const { workspace } = workspaceWith(dir, [{ name: 'a' }, { name: 'b' }]);
    open.push(workspace);
    const file = join(dir, 'v.npy');
    const names = join(dir, 'names.txt');
    writeNpy(file, Float32Array.from([1, 2, 3, 4]), [2, 2]);
    writeFileSync(names, 'a\nb\n');
    const options = { kind: 'embedding' as const, file, names, match: { by: 'name' as const } };

    failFinish.on = true;
    await expect(importRun(workspace, options)).rejects.toThrow('disk full');
    expect(listRuns(workspace.db)).toEqual([]);
    expect(readdirSync(workspace.paths.embeddings)).toEqual([]);

    failFinish.on = false;
    const { runId } = await importRun(workspace, options);
    expect(listRuns(workspace.db).map((r) => [r.id, r.status])).toEqual([[runId, 'done']]);
    expect(readdirSync(workspace.paths.embeddings).sort()).toEqual([`${runId}.ids.npy`, `${runId}.npy`]);
  });
});
