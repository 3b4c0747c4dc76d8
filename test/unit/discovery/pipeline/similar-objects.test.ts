// `similar` on a run scanned from disk (the threshold set to 0) gives exactly what it gives
// with the run loaded and searched by the exact index: the same ids in the same order, the same
// distances, the chosen objects left out, and several names searched around their centroid.
import { describe, expect, it } from 'vitest';
import { Workspace } from '../../../../electron/core/workspace/workspace.js';
import { similarObjects } from '../../../../electron/core/discovery/pipeline/similar-objects.js';
import { EmbeddingCache } from '../../../../electron/core/discovery/pipeline/embedding-cache.js';
import { addEmbeddingRun, addNamedObjects } from '../../../helpers/named-objects.js';
import { gaussianValues } from '../../../helpers/random-vectors.js';
import { SeededRandom } from '../../../../electron/core/discovery/seeded-random.js';
import { useTempDir } from '../../../helpers/temp-dir.js';

const tempDir = useTempDir('serendip-similar-');
const scanned = { pagedAbove: 0 };

describe('similarObjects', () => {
  it('finds hand-computed neighbours when scanning, the chosen objects left out', async () => {
    const workspace = Workspace.open(tempDir(), { create: true });
    const ids = addNamedObjects(workspace, 5);
    // o0..o4 on a line at 0, 1, 3, 6, 10.
    await addEmbeddingRun(workspace, ids, Float32Array.from([0, 1, 3, 6, 10]));
    const named = (list: { id: number; distance: number }[]) =>
      list.map((n) => ({ name: `o${ids.indexOf(n.id)}`, distance: n.distance }));
    expect(named(similarObjects(workspace, ['o1'], 2, undefined, undefined, scanned))).toEqual([
      { name: 'o0', distance: 1 },
      { name: 'o2', distance: 2 },
    ]);
    // The centroid of o0 and o3 is 3, where o2 lies.
    expect(named(similarObjects(workspace, ['o0', 'o3'], 2, undefined, undefined, scanned))).toEqual([
      { name: 'o2', distance: 0 },
      { name: 'o1', distance: 2 },
    ]);
    workspace.close();
  });

  it('scanning gives the loaded exact search its answer, in any id order', async () => {
    const workspace = Workspace.open(tempDir(), { create: true });
    const ids = addNamedObjects(workspace, 240);
    const random = new SeededRandom(5);
    const data = gaussianValues(240 * 6, random);
    data.copyWithin(17 * 6, 2 * 6, 3 * 6); // an exact tie with o2's own vector
    // The run lists the objects shuffled, so rows and ids differ in order.
    const order = Array.from(ids.keys());
    for (let i = order.length - 1; i > 0; i--) {
      const j = random.nextInt(i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    await addEmbeddingRun(
      workspace,
      Float64Array.from(order, (i) => ids[i]),
      Float32Array.from(order.flatMap((i) => Array.from(data.subarray(i * 6, (i + 1) * 6)))),
    );
    const queries = [['o2'], ['o5', 'o9', 'o200'], ['o7', 'o7', 'o8'], ['o1', 'o2', 'o17']];
    for (const names of queries) {
      for (const k of [1, 10, 300]) {
        const loaded = similarObjects(workspace, names, k, undefined, new EmbeddingCache());
        const scan = similarObjects(workspace, names, k, undefined, new EmbeddingCache(), scanned);
        expect(scan).toEqual(loaded);
        expect(scan).toHaveLength(Math.min(k, 240 - new Set(names).size));
        for (const name of names) expect(scan.map((n) => n.id)).not.toContain(ids[Number(name.slice(1))]);
      }
    }
    expect(similarObjects(workspace, ['o2'], 1, undefined, undefined, scanned)).toEqual([{ id: ids[17], distance: 0 }]);
    workspace.close();
  });

  it('says which object the scanned run lacks', async () => {
    const workspace = Workspace.open(tempDir(), { create: true });
    const ids = addNamedObjects(workspace, 3);
    await addEmbeddingRun(workspace, ids.subarray(0, 2), Float32Array.from([0, 1]));
    expect(() => similarObjects(workspace, ['o2'], 1, undefined, undefined, scanned)).toThrow(
      /"o2" is not in embedding .* run `serendip embed` again/,
    );
    workspace.close();
  });
});
