// The uncertain queue through browser mode's API on a demo workspace: without labels it says it
// needs them (a one-line error, not a crash); with a few, its first objects are those whose
// like-labels probability is nearest 0.5, nearer than every object after them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObjectHit } from '../../electron/core/api/contract.js';
import { callApi, startServerFixture, type ServerFixture } from './server-fixture.js';

let f: ServerFixture;

beforeAll(async () => {
  f = await startServerFixture(60);
  await f.service.embed({});
  await f.service.rank({});
});
afterAll(async () => {
  await f?.close();
});

async function result<T>(method: string, args: unknown[] = []): Promise<T> {
  const res = await callApi(f, method, args);
  expect(res.status, `${method}: ${res.status}`).toBe(200);
  return ((await res.json()) as { result: T }).result;
}

const distance = (p: number): number => Math.abs(p - 0.5);

describe('the uncertain queue over the API', () => {
  it('says it needs labels while there are none', async () => {
    const res = await callApi(f, 'queue', [{ mode: 'uncertain', n: 5 }]);
    expect(res.status).not.toBe(200);
    const body = (await res.json()) as { error: string };
    expect(body.error).toMatch(/^the uncertain queue learns from your labels: label at least one object/);
  });

  it("puts the objects nearest p = 0.5 first, with like-labels' probabilities", async () => {
    const top = await result<ObjectHit[]>('top', [6]);
    await result('label', [{ name: top[0].name, label: 'lens', relevance: 5 }]);
    await result('label', [{ name: top[1].name, label: 'lens', relevance: 4 }]);
    await result('label', [{ name: top[5].name, label: 'artefact', relevance: 0 }]);
    const all = await result<ObjectHit[]>('queue', [{ mode: 'like-labels', n: 1000 }]);
    expect(all).toHaveLength(57);
    const probability = new Map(all.map((h) => [h.name, h.score]));
    const first = await result<ObjectHit[]>('queue', [{ mode: 'uncertain', n: 5 }]);
    expect(first).toHaveLength(5);
    const firstNames = new Set(first.map((h) => h.name));
    for (const hit of first) expect(hit.score).toBe(probability.get(hit.name));
    const farthestOfFirst = Math.max(...first.map((h) => distance(h.score)));
    const rest = all.filter((h) => !firstNames.has(h.name));
    for (const hit of rest) expect(distance(hit.score)).toBeGreaterThanOrEqual(farthestOfFirst);
    // Not the like-labels order: its first objects are the surest wanted ones.
    expect(first.map((h) => h.name)).not.toEqual(all.slice(0, 5).map((h) => h.name));
  });
});
