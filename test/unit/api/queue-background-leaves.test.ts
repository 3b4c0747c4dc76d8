// On a large collection the discover queue's forest feedback context (every row's leaves,
// seconds at a million rows) is computed on a worker thread: the queue answers at once
// without that term, and once it is ready gives exactly what a session that computed it
// inline gives. Forced here on a small set with backgroundLeavesFrom: 0.
import { describe, expect, it } from 'vitest';
import { SerendipService } from '../../../electron/core/api/serendip-service.js';
import { QueueSession } from '../../../electron/core/discovery/pipeline/label-queue.js';
import { scoringWorkerScript } from '../../../electron/core/discovery/anomaly/scoring-runner.js';
import { clusteredVectors } from '../../bench/clustered-data.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { addEmbeddingRun, addNamedObjects } from '../../helpers/named-objects.js';

const tempDir = useTempDir('serendip-queue-leaves-');
const COUNT = 600;
const DIM = 6;

async function rankedWorkspace(): Promise<SerendipService> {
  const service = SerendipService.open(tempDir(), { create: true });
  await addEmbeddingRun(
    service.workspace,
    addNamedObjects(service.workspace, COUNT),
    clusteredVectors(COUNT, DIM, { seed: 4 }).vectors.data,
  );
  await service.rank({ method: 'iforest' });
  for (const [i, relevance] of [
    [3, 5],
    [40, 0],
    [41, 0],
    [200, 4],
    [333, 1],
  ])
    service.label({ name: `o${i}`, label: relevance >= 3 ? 'odd' : 'boring', relevance });
  return service;
}

describe.skipIf(scoringWorkerScript() === null)('discover queue on a large collection', () => {
  it('answers at once without the forest feedback, then exactly as if it had waited', async () => {
    const service = await rankedWorkspace();
    try {
      const workspace = service.workspace;
      const inline = QueueSession.open(workspace, undefined, { backgroundLeavesFrom: Infinity });
      const expected = inline.next(workspace, 'discover', 50);

      const background = QueueSession.open(workspace, undefined, { backgroundLeavesFrom: 0 });
      expect(background.forestFeedbackReady).toBe(false);
      const meanwhile = background.next(workspace, 'discover', 50);
      expect(meanwhile).toHaveLength(50);
      expect(meanwhile.map((e) => e.score)).not.toEqual(expected.map((e) => e.score));

      await background.leavesReady;
      expect(background.forestFeedbackReady).toBe(true); // computed by the worker, not by the call below
      expect(background.next(workspace, 'discover', 50)).toEqual(expected);
    } finally {
      service.close();
    }
  });
});
