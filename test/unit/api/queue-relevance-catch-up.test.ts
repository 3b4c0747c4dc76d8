// Many labels at once (a box selection) change every label discover's relevance model holds,
// a pass over the whole embedding each: seconds at a million rows. A queue call makes only a
// few of those passes (relevanceWorkPerCall) and the session makes the rest between other
// work on the thread; once they are made, the queue gives exactly what a session that made
// them all in the call gives. Forced here on a small set with a budget of two passes.
import { describe, expect, it } from 'vitest';
import { SerendipService } from '../../../electron/core/api/serendip-service.js';
import { QueueSession } from '../../../electron/core/discovery/pipeline/label-queue.js';
import { clusteredVectors } from '../../bench/clustered-data.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { addEmbeddingRun, addNamedObjects } from '../../helpers/named-objects.js';

const tempDir = useTempDir('serendip-queue-relevance-');
const COUNT = 600;
const DIM = 6;

describe('discover queue after many labels at once', () => {
  it('answers after a few relevance passes, does the rest between other work, then ranks as if it waited', async () => {
    const service = SerendipService.open(tempDir(), { create: true });
    try {
      const workspace = service.workspace;
      await addEmbeddingRun(
        workspace,
        addNamedObjects(workspace, COUNT),
        clusteredVectors(COUNT, DIM, { seed: 4 }).vectors.data,
      );
      await service.rank({ method: 'iforest' });
      for (const [i, relevance] of [
        [3, 5],
        [40, 0],
        [200, 4],
      ])
        service.label({ name: `o${i}`, label: relevance >= 3 ? 'odd' : 'boring', relevance });
      const inline = QueueSession.open(workspace, undefined, { backgroundLeavesFrom: Infinity });
      const budgeted = QueueSession.open(workspace, undefined, {
        backgroundLeavesFrom: Infinity,
        discover: { relevanceWorkPerCall: 2 * COUNT * DIM },
      });
      // 3 labels, 2 passes
      expect(budgeted.next(workspace, 'discover', 30)).not.toEqual(inline.next(workspace, 'discover', 30));
      await budgeted.relevanceReady;
      expect(budgeted.next(workspace, 'discover', 30)).toEqual(inline.next(workspace, 'discover', 30));

      // A box selection of 100 artefacts: the model's newest 64 labels are all new.
      service.labelMany({ names: Array.from({ length: 100 }, (_, i) => `o${300 + i}`), label: 'artefact' });
      const expected = inline.next(workspace, 'discover', 30);
      let turnsOfOtherWork = 0;
      let settled = false;
      const meanwhile = budgeted.next(workspace, 'discover', 30);
      expect(meanwhile).toHaveLength(30);
      expect(meanwhile).not.toEqual(expected);
      const ready = budgeted.relevanceReady.then(() => (settled = true));
      // Other work on the thread (a label arriving, say) runs while the passes are made.
      while (!settled) {
        await new Promise((resolve) => setImmediate(resolve));
        turnsOfOtherWork++;
      }
      await ready;
      expect(turnsOfOtherWork).toBeGreaterThan(10);
      expect(budgeted.next(workspace, 'discover', 30)).toEqual(expected);
    } finally {
      service.close();
    }
  });
});
