// `families` over a small demo workspace (60 cutouts, features embedding, ensemble rank): the
// top-N objects of the ensemble run, each in exactly one family, members by score, families by
// size, and each exemplar the member nearest its family's centroid, recomputed from the stored
// embedding; shared features lie on one side of typical objects for every member. Labelling a
// family (labelMany) takes all its members out of the discover queue. Spectra are refused with
// 'unsupported'.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { SerendipService } from '../../electron/core/api/serendip-service.js';
import { dispatch } from '../../electron/core/api/api-methods.js';
import { errorCodeOf } from '../../electron/core/api/errors.js';
import type { AnomalyFamily } from '../../electron/core/api/contract-families.js';
import { loadRunArray } from '../../electron/core/discovery/run-arrays.js';
import { useSharedTempDir } from '../helpers/temp-dir.js';

const OBJECTS = 60;
const N = 20;

describe('families on a demo workspace', () => {
  const dir = useSharedTempDir('serendip-families-');
  let service: SerendipService;
  let families: AnomalyFamily[];
  /** Ensemble score and embedding vector of every image, by name. */
  const score = new Map<string, number>();
  const vector = new Map<string, Float64Array>();

  beforeAll(async () => {
    service = SerendipService.open(join(dir(), 'ws'), { create: true });
    await service.demo({ objects: OBJECTS, seed: 5, spectra: 2 });
    await service.embed({ method: 'features' });
    await service.rank({ modality: 'image' });
    families = (await dispatch(service, 'families', [N])) as AnomalyFamily[];

    const runs = service.status().runs.filter((r) => r.modality === 'image');
    const embeddings = runs.filter((r) => r.kind === 'embedding');
    expect(embeddings).toHaveLength(1);
    const ensemble = runs.find((r) => r.kind === 'score' && r.method === 'ensemble')!;
    const nameOf = service.workspace.db.prepare('SELECT name FROM objects WHERE id = ?').pluck();
    const scores = loadRunArray(service.workspace.paths.scores, ensemble.id);
    scores.ids.forEach((id, i) => score.set(nameOf.get(id) as string, scores.data[i]));
    const e = loadRunArray(service.workspace.paths.embeddings, embeddings[0].id);
    e.ids.forEach((id, i) =>
      vector.set(nameOf.get(id) as string, Float64Array.from(e.data.subarray(i * e.columns, (i + 1) * e.columns))),
    );
  });
  afterAll(() => service?.close());

  it("puts each of the ensemble's top N in exactly one family, members by score", () => {
    const top = [...score.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, N)
      .map(([name]) => name);
    const members = families.flatMap((f) => f.members);
    expect(members).toHaveLength(N);
    expect(new Set(members).size).toBe(N);
    expect([...members].sort()).toEqual([...top].sort());
    expect(families.reduce((sum, f) => sum + f.size, 0)).toBe(N);
    for (const f of families) {
      expect(f.size).toBe(f.members.length);
      for (let i = 1; i < f.members.length; i++)
        expect(score.get(f.members[i])!).toBeLessThanOrEqual(score.get(f.members[i - 1])!);
    }
  });

  it('numbers families from 1, the largest first', () => {
    expect(families.map((f) => f.family)).toEqual(families.map((_, k) => k + 1));
    for (let k = 1; k < families.length; k++) expect(families[k].size).toBeLessThanOrEqual(families[k - 1].size);
  });

  it("makes each family's exemplar the member nearest its centroid", () => {
    for (const f of families) {
      expect(f.members).toContain(f.exemplar);
      const vectors = f.members.map((name) => vector.get(name)!);
      const centroid = vectors[0].map((_, c) => vectors.reduce((sum, v) => sum + v[c], 0) / vectors.length);
      const distance = (v: Float64Array): number => Math.hypot(...v.map((x, c) => x - centroid[c]));
      const nearest = Math.min(...vectors.map(distance));
      expect(distance(vector.get(f.exemplar)!)).toBeCloseTo(nearest, 4);
    }
  });

  it('names at most three shared features a family, each at least 1σ from typical objects', () => {
    expect(families.some((f) => f.features.length > 0)).toBe(true);
    for (const f of families) {
      expect(f.features.length).toBeLessThanOrEqual(3);
      for (const s of f.features) {
        if (s.sigma !== null) expect(Math.abs(s.sigma)).toBeGreaterThanOrEqual(1);
        expect(s.phrase.startsWith(`${s.name} `)).toBe(true);
      }
    }
  });

  it('takes a labelled family out of the discover queue', async () => {
    const family = families[0];
    const all = service.status().images;
    const before = (await dispatch(service, 'queue', [{ mode: 'discover', n: all }])) as { name: string }[];
    expect(before.map((h) => h.name)).toEqual(expect.arrayContaining(family.members));
    const done = (await dispatch(service, 'labelMany', [{ names: family.members, label: 'artefact: trails' }])) as {
      labelled: number;
    };
    expect(done.labelled).toBe(family.size);
    const after = (await dispatch(service, 'queue', [{ mode: 'discover', n: all }])) as { name: string }[];
    expect(after.length).toBe(before.length - family.size);
    for (const name of family.members) expect(after.map((h) => h.name)).not.toContain(name);
  });

  it('refuses spectra with unsupported, and an N out of range', async () => {
    let refusal: unknown;
    try {
      service.families(N, 'spectrum');
    } catch (err) {
      refusal = err;
    }
    expect(errorCodeOf(refusal)).toBe('unsupported');
    expect((refusal as Error).message).toMatch(/^families are for images for now/);
    await expect(dispatch(service, 'families', [0])).rejects.toThrow();
  });
});
