// The service's interactive discovery calls on a workspace small enough to know the answers:
// 60 objects on a line (row i at x = i), scored i/60. `similar` searches exactly when no job
// has built the vector index, and neither it nor the queue builds one or a kNN graph (at a
// million rows each takes minutes); a labelled selection lands whole or not at all.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SerendipService } from '../../../electron/core/api/serendip-service.js';
import { EmbeddingCache } from '../../../electron/core/discovery/pipeline/embedding-cache.js';
import { countLabels } from '../../../electron/core/workspace/repositories/labels-repo.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { lineWorkspace as makeLineWorkspace } from '../../helpers/line-workspace.js';

const tempDir = useTempDir('serendip-queue-similar-');
const COUNT = 60;

const lineWorkspace = (): Promise<SerendipService> => makeLineWorkspace(tempDir(), COUNT);

function derivedFiles(service: SerendipService): string[] {
  return readdirSync(service.workspace.paths.embeddings).filter((f) => f.endsWith('.index') || f.includes('.knn'));
}

describe('similar and the queue without a vector index', () => {
  it('finds the exact nearest objects, ties to the lower row, and writes no index', async () => {
    const service = await lineWorkspace();
    try {
      const one = service.similar(['o5'], 4);
      expect(one.map((h) => h.name)).toEqual(['o4', 'o6', 'o3', 'o7']);
      expect(one.map((h) => h.distance)).toEqual([1, 1, 2, 2]);
      // The centroid of o10 and o12 is x = 11: o11 first, then 9 and 13 (distance 2), never the chosen two.
      expect(service.similar(['o10', 'o12'], 3).map((h) => h.name)).toEqual(['o11', 'o9', 'o13']);
      expect(service.similar(['o5'], 4)).toEqual(one);
      expect(derivedFiles(service)).toEqual([]);
    } finally {
      service.close();
    }
  });

  it('ranks a page of the queue in both modes and builds no kNN graph', async () => {
    const service = await lineWorkspace();
    try {
      expect(service.queue({ mode: 'discover', n: 5 }).map((h) => h.name)).toEqual(['o59', 'o58', 'o57', 'o56', 'o55']);
      service.label({ name: 'o59', label: 'artefact' });
      const discover = service.queue({ mode: 'discover', n: 5 });
      expect(discover).toHaveLength(5);
      // The artefact leaves the queue and sinks its neighbour, which was next in line.
      expect(discover.map((h) => h.name)).not.toContain('o59');
      expect(discover[0].name).not.toBe('o58');
      service.label({ name: 'o10', label: 'lens', relevance: 5 });
      // One wanted object at x = 10 and an unwanted one at 59: the fitted probability falls with x.
      expect(service.queue({ mode: 'like-labels', n: 3 }).map((h) => h.name)).toEqual(['o0', 'o1', 'o2']);
      expect(service.queue({ mode: 'like-labels', n: 3, label: 'lens' }).map((h) => h.name)).toEqual([
        'o0',
        'o1',
        'o2',
      ]);
      expect(derivedFiles(service)).toEqual([]);
    } finally {
      service.close();
    }
  });

  it("serves the uncertain queue: like-labels' probabilities, nearest 0.5 first; no labels, says so", async () => {
    const service = await lineWorkspace();
    try {
      expect(() => service.queue({ mode: 'uncertain', n: 5 })).toThrow(
        /^the uncertain queue learns from your labels: label at least one object as interesting/,
      );
      service.label({ name: 'o10', label: 'lens', relevance: 5 });
      service.label({ name: 'o59', label: 'artefact', relevance: 0 });
      const probability = new Map(service.queue({ mode: 'like-labels', n: 1000 }).map((h) => [h.name, h.score]));
      const uncertain = service.queue({ mode: 'uncertain', n: 5 });
      const distance = (p: number) => Math.abs(p - 0.5);
      // The probability falls along the line, so the least sure are neighbours, each no surer than the next.
      const nearest = Math.min(...[...probability.values()].map(distance));
      expect(distance(uncertain[0].score)).toBe(nearest);
      for (const [i, hit] of uncertain.entries()) {
        expect(hit.score).toBe(probability.get(hit.name));
        if (i > 0) expect(distance(hit.score)).toBeGreaterThanOrEqual(distance(uncertain[i - 1].score));
      }
      expect(uncertain.map((h) => h.name)).not.toContain('o10');
    } finally {
      service.close();
    }
  });

  it('labels a selection in one go, or nothing when one name is unknown', async () => {
    const service = await lineWorkspace();
    try {
      expect(() => service.labelMany({ names: ['o1', 'o2', 'nope', 'o3'], label: 'artefact' })).toThrow(
        /no object named "nope"/,
      );
      expect(countLabels(service.workspace.db)).toBe(0);
      expect(service.labelMany({ names: ['o1', 'o2', 'o1'], label: 'artefact' })).toEqual({ labelled: 3 });
      expect(
        service
          .labelled('artefact')
          .map((l) => l.name)
          .sort(),
      ).toEqual(['o1', 'o2']);
    } finally {
      service.close();
    }
  });
});

describe('EmbeddingCache', () => {
  it('reads a run once, and an exact index stands in until a saved one exists', async () => {
    const service = await lineWorkspace();
    try {
      const cache = new EmbeddingCache();
      const embedding = cache.embedding(service.workspace);
      expect(cache.embedding(service.workspace)).toBe(embedding);
      expect(cache.embedding(service.workspace, embedding.run.id)).toBe(embedding);
      const index = cache.index(service.workspace, embedding);
      expect(index.exact).toBe(true);
      expect(cache.index(service.workspace, embedding)).toBe(index);
      expect(derivedFiles(service)).toEqual([]);
    } finally {
      service.close();
    }
  });
});
