// The queue and the saved views through the API (dispatch validates as every transport does) on
// a real SQLite workspace: 60 objects on a line, object i scored i/60 and mapped at (i, 0), with a
// catalog column z = i + 0.5. A filter narrows the queue to the objects the map would show.
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/core/api/api-methods.js';
import type { SerendipService } from '../../../electron/core/api/serendip-service.js';
import type { ObjectHit } from '../../../electron/core/api/contract.js';
import type { SavedView } from '../../../electron/core/api/contract-filters.js';
import { saveRunArray } from '../../../electron/core/discovery/run-arrays.js';
import { finishRun, latestDoneRun, startRun } from '../../../electron/core/workspace/repositories/runs-repo.js';
import { putMetadata } from '../../../electron/core/workspace/repositories/metadata-repo.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { lineWorkspace } from '../../helpers/line-workspace.js';

const tempDir = useTempDir('serendip-map-filter-');
const COUNT = 60;

async function mappedLine(): Promise<SerendipService> {
  const service = await lineWorkspace(tempDir(), COUNT);
  const { db, paths } = service.workspace;
  const embedding = latestDoneRun(db, 'embedding')!;
  const ids = Float64Array.from(service.mapData().ids.length ? service.mapData().ids : idsOf(service));
  const map = startRun(db, { kind: 'map', method: 'umap', modality: 'image', parentRun: embedding.id });
  const data = Float32Array.from({ length: COUNT * 2 }, (_, j) => (j % 2 ? 0 : j / 2));
  await saveRunArray(paths.maps, map, { data, rows: COUNT, columns: 2, ids });
  finishRun(db, map, 'done');
  ids.forEach((id, i) => putMetadata(db, id, [{ key: 'z', value: String(i + 0.5), number: i + 0.5 }], 'catalog.csv'));
  return service;
}

function idsOf(service: SerendipService): number[] {
  return Array.from({ length: COUNT }, (_, i) => service.findObjects(`o${i}`, 100).find((m) => m.name === `o${i}`)!.id);
}

const queue = async (service: SerendipService, request: object): Promise<string[]> =>
  ((await dispatch(service, 'queue', [request])) as ObjectHit[]).map((h) => h.name);

describe('the queue with a map filter', () => {
  it('ranks only the objects that pass, in the unfiltered order', async () => {
    const service = await mappedLine();
    try {
      expect(await queue(service, { mode: 'discover', n: 3 })).toEqual(['o59', 'o58', 'o57']);
      // score i/60 in [0.2, 0.405]: o12..o24 (scores are float32: 24/60 rounds up past 0.4); the first three of
      // them in the queue are the highest
      const scored = { ranges: [{ column: 'score', min: 0.2, max: 0.405 }] };
      expect(await queue(service, { mode: 'discover', n: 3, filter: scored })).toEqual(['o24', 'o23', 'o22']);
      // fewer pass than asked for: all of them, and no more
      const few = { ranges: [{ column: 'meta:z', min: 3, max: 4.5 }] };
      expect(await queue(service, { mode: 'discover', n: 10, filter: few })).toEqual(['o4', 'o3']);
      // the name filter: o1, o10..o19, of which the queue's best is o19
      expect((await queue(service, { mode: 'discover', n: 20, filter: { name: 'O1' } }))[0]).toBe('o19');
      expect((await queue(service, { mode: 'discover', n: 20, filter: { name: 'o1' } })).sort()).toEqual(
        ['o1', ...Array.from({ length: 10 }, (_, i) => `o1${i}`)].sort(),
      );
    } finally {
      service.close();
    }
  });

  it('combines a range with the label filter, and refuses a filter on a column that is not there', async () => {
    const service = await mappedLine();
    try {
      service.label({ name: 'o30', label: 'lens' });
      const filter = { ranges: [{ column: 'meta:z', min: 28, max: 32 }], labels: { show: 'unlabelled' } };
      expect(await queue(service, { mode: 'discover', n: 5, filter })).toEqual(['o31', 'o29', 'o28']);
      const onlyLens = { labels: { show: 'labelled', names: ['lens'] } };
      // the queue offers no labelled object, so a filter of labelled objects leaves it empty
      expect(await queue(service, { mode: 'discover', n: 5, filter: onlyLens })).toEqual([]);
      await expect(
        queue(service, { mode: 'discover', n: 5, filter: { ranges: [{ column: 'meta:nope', min: 0, max: 1 }] } }),
      ).rejects.toThrow(/no catalog column "nope"/);
      await expect(queue(service, { mode: 'discover', n: 5, filter: { labels: { show: 'some' } } })).rejects.toThrow(
        /invalid arguments for queue/,
      );
    } finally {
      service.close();
    }
  });

  it('finds the map rows of a name', async () => {
    const service = await mappedLine();
    try {
      const { rows } = service.mapNameMatches('o5');
      expect([...rows]).toEqual([5, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59]);
      expect([...service.mapNameMatches('o5_').rows]).toEqual([]); // _ means itself, not any character
    } finally {
      service.close();
    }
  });
});

describe('saved views', () => {
  it('saves, lists, replaces and deletes views through the API', async () => {
    const service = await mappedLine();
    try {
      const filter = { ranges: [{ column: 'score', min: 0.5, max: 1 }], labels: { show: 'unlabelled' }, name: 'o' };
      await dispatch(service, 'saveView', [{ name: 'bright', filter, colourBy: 'meta:z' }]);
      await dispatch(service, 'saveView', [{ name: 'all', filter: {}, colourBy: 'label' }]);
      let views = (await dispatch(service, 'savedViews', [])) as SavedView[];
      expect(views.map((v) => [v.name, v.colourBy])).toEqual([
        ['all', 'label'],
        ['bright', 'meta:z'],
      ]);
      expect(views[1].filter).toEqual({ ...filter, labels: { show: 'unlabelled', names: [] } });
      expect(views[0].filter).toEqual({ ranges: [], labels: { show: 'all', names: [] }, name: '' });
      await dispatch(service, 'saveView', [{ name: 'bright', filter: {}, colourBy: 'score' }]);
      expect(await dispatch(service, 'deleteView', ['all'])).toEqual({ deleted: true });
      expect(await dispatch(service, 'deleteView', ['all'])).toEqual({ deleted: false });
      views = (await dispatch(service, 'savedViews', [])) as SavedView[];
      expect(views.map((v) => [v.name, v.colourBy])).toEqual([['bright', 'score']]);
      await expect(dispatch(service, 'saveView', [{ name: ' ', filter: {}, colourBy: 'score' }])).rejects.toThrow(
        /invalid arguments for saveView/,
      );
    } finally {
      service.close();
    }
  });
});
