// `explain` over a small demo workspace (60 cutouts, features embedding, ensemble rank): an
// injected anomaly from the truth table is explained with every scorer's rank as the one rank
// definition gives it, features measured as the features embedding measures them (its stored
// vector is the standardised value), sorted by |σ|, against neighbours outside the ensemble's
// top 5%. A spectrum before spectra are ranked, and unknown names, are refused with their codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { SerendipService } from '../../electron/core/api/serendip-service.js';
import { dispatch } from '../../electron/core/api/api-methods.js';
import { errorCodeOf } from '../../electron/core/api/errors.js';
import type { Explanation } from '../../electron/core/api/contract-explain.js';
import { loadRunArray } from '../../electron/core/discovery/run-arrays.js';
import { getRun, runParams } from '../../electron/core/workspace/repositories/runs-repo.js';
import { scoreRanks } from '../../electron/core/util/score-numbers.js';
import { truthByName } from '../helpers/demo-truth.js';
import { useSharedTempDir } from '../helpers/temp-dir.js';

const OBJECTS = 60;

describe('explain on a demo workspace', () => {
  const dir = useSharedTempDir('serendip-explain-');
  let service: SerendipService;
  let anomaly: string;
  let spectrum: string;

  beforeAll(async () => {
    service = SerendipService.open(join(dir(), 'ws'), { create: true });
    const demo = await service.demo({ objects: OBJECTS, seed: 5, spectra: 2 });
    await service.embed({ method: 'features' });
    await service.rank({ modality: 'image' });
    const injected = [...truthByName(demo.truthPath, (row) => row.is_anomaly === '1').entries()]
      .filter(([, isAnomaly]) => isAnomaly)
      .map(([name]) => name);
    expect(injected.length).toBeGreaterThan(0);
    // The injected anomaly the ensemble ranks highest: the case explain is for.
    const top = service.top(OBJECTS).map((hit) => hit.name);
    anomaly = injected.sort((a, b) => top.indexOf(a) - top.indexOf(b))[0];
    spectrum = service.workspace.db
      .prepare("SELECT name FROM objects WHERE modality = 'spectrum'")
      .pluck()
      .get() as string;
  });
  afterAll(() => service?.close());

  function runScores(runId: string): { ids: Float64Array; data: Float32Array } {
    return loadRunArray(service.workspace.paths.scores, runId);
  }

  it("lists every scorer's newest run with the object's score and rank by scoreRanks", async () => {
    const e = (await dispatch(service, 'explain', [anomaly])) as Explanation;
    expect(e.name).toBe(anomaly);
    const scoreRuns = service.status().runs.filter((r) => r.kind === 'score' && r.modality === 'image');
    expect(e.scorers.map((s) => s.method).sort()).toEqual(['ensemble', 'iforest', 'knn', 'lof']);
    expect(e.scorers.map((s) => s.runId).sort()).toEqual(scoreRuns.map((r) => r.id).sort());
    for (const s of e.scorers) {
      const { ids, data } = runScores(s.runId);
      const row = ids.indexOf(e.id);
      expect(s.score).toBe(data[row]);
      expect(s.of).toBe(OBJECTS);
      expect(s.rank).toBeGreaterThanOrEqual(1);
      expect(s.rank).toBeLessThanOrEqual(OBJECTS);
      expect(s.rank).toBe(scoreRanks(data)[row]);
      expect(s.top).toBe(s.rank <= Math.ceil(0.05 * OBJECTS));
    }
    expect(e.typicalBy.method).toBe('ensemble');
  });

  it('compares features, sorted by |σ|, with 10 typical neighbours outside the ensemble top 5%', async () => {
    const e = await service.explain(anomaly);
    expect(e.neighbours).toHaveLength(10);
    expect(e.neighbours.map((n) => n.name)).not.toContain(anomaly);
    for (let i = 1; i < e.neighbours.length; i++)
      expect(e.neighbours[i].distance).toBeGreaterThanOrEqual(e.neighbours[i - 1].distance);
    const { ids, data } = runScores(e.typicalBy.runId);
    const ranks = scoreRanks(data);
    for (const n of e.neighbours) expect(ranks[ids.indexOf(n.id)]).toBeGreaterThan(Math.ceil(0.05 * OBJECTS));

    const strength = (sigma: number | null) => (sigma === null ? Infinity : Math.abs(sigma));
    for (let i = 1; i < e.features.length; i++)
      expect(strength(e.features[i].sigma)).toBeLessThanOrEqual(strength(e.features[i - 1].sigma));
    for (const f of e.features) if (f.sigma === null) expect(f.sd).toBe(0);
    const first = e.features.find((f) => f.sigma !== null && f.sd > 0)!;
    expect(first.sigma).toBeCloseTo((first.value - first.mean) / first.sd, 9);
    expect(Math.abs(first.sigma!)).toBeGreaterThan(1);
    const sign = first.sigma! > 0 ? `+${first.sigma!.toFixed(1)}σ above` : `−${(-first.sigma!).toFixed(1)}σ below`;
    expect(first.phrase).toBe(`${first.name} ${sign} its typical neighbours`);
  });

  it("measures the object as the features embedding did: its standardised values are the run's vector", async () => {
    const e = await service.explain(anomaly);
    const run = getRun(service.workspace.db, e.embeddingRun)!;
    const params = runParams(run) as {
      feature_names: string[];
      standardise: { centre: number[]; scale: number[] };
    };
    const embedding = loadRunArray(service.workspace.paths.embeddings, run.id);
    const row = embedding.ids.indexOf(e.id);
    expect(e.features).toHaveLength(params.feature_names.length);
    let compared = 0;
    for (const f of e.features) {
      const c = params.feature_names.indexOf(f.name);
      const standardised = (f.value - params.standardise.centre[c]) / params.standardise.scale[c];
      // Values beyond ±10 were clipped in the run.
      if (Math.abs(standardised) >= 10) continue;
      expect(embedding.data[row * embedding.columns + c]).toBeCloseTo(standardised, 3);
      compared++;
    }
    expect(compared).toBeGreaterThan(e.features.length / 2);
  });

  it('refuses a spectrum before spectra are ranked, and unknown names, with their codes', async () => {
    const refusal = async (name: string): Promise<unknown> => {
      try {
        await service.explain(name);
      } catch (err) {
        return err;
      }
      throw new Error('explain did not refuse');
    };
    const onSpectrum = await refusal(spectrum);
    // Only the images were ranked: the spectrum has no scores to explain, and the message says which.
    expect(errorCodeOf(onSpectrum)).toBe('conflict');
    expect((onSpectrum as Error).message).toBe(
      'no spectrum anomaly scores yet: run `serendip rank <workspace> --modality spectrum` first',
    );
    expect(errorCodeOf(await refusal('no-such-object'))).toBe('not-found');
  });
});
