// Families on the demo: injected anomalies of one kind share a family. A 1,000-object demo
// (features embedding, ensemble rank), the top 200 in families; purity by kind is the share of
// the 200 that are of their family's commonest kind (ordinary objects are kind ''). Ordinary
// objects are most of the top 200, so the purity over the injected anomalies alone is held to
// the same bar, and one family of everything, or a family each, is ruled out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { SerendipService } from '../../electron/core/api/serendip-service.js';
import type { AnomalyFamily } from '../../electron/core/api/contract-families.js';
import { truthByName } from '../helpers/demo-truth.js';
import { useSharedTempDir } from '../helpers/temp-dir.js';

const OBJECTS = 1000;
const N = 200;
const PURITY = 0.6;

/** Σ over families of the count of their commonest kind, over the members counted (`counted` filters them). */
function purity(families: AnomalyFamily[], kindOf: Map<string, string>, counted: (kind: string) => boolean): number {
  let commonest = 0;
  let total = 0;
  for (const f of families) {
    const counts = new Map<string, number>();
    for (const kind of f.members.map((m) => kindOf.get(m)!).filter(counted))
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
    commonest += Math.max(0, ...counts.values());
    total += [...counts.values()].reduce((sum, c) => sum + c, 0);
  }
  return commonest / total;
}

describe('families on the demo', () => {
  const dir = useSharedTempDir('serendip-families-purity-');
  let service: SerendipService;
  let families: AnomalyFamily[];
  let kindOf: Map<string, string>;

  beforeAll(async () => {
    service = SerendipService.open(join(dir(), 'ws'), { create: true });
    const demo = await service.demo({ objects: OBJECTS, seed: 7 });
    await service.embed({});
    await service.rank({ modality: 'image' });
    families = service.families(N);
    kindOf = truthByName(demo.truthPath, (row) => row.anomaly);
  }, 300_000);
  afterAll(() => service?.close());

  it('groups the top 200 into several families, none of most of them', () => {
    expect(families.reduce((sum, f) => sum + f.size, 0)).toBe(N);
    expect(families.length).toBeGreaterThan(1);
    expect(families.length).toBeLessThan(N / 2);
    expect(families[0].size).toBeLessThan(N / 2);
  });

  it('keeps injected anomalies of one kind together: purity by kind at least 0.6', () => {
    const injected = families.flatMap((f) => f.members).filter((m) => kindOf.get(m) !== '');
    expect(injected.length).toBeGreaterThanOrEqual(5);
    expect(purity(families, kindOf, () => true)).toBeGreaterThanOrEqual(PURITY);
    expect(purity(families, kindOf, (kind) => kind !== '')).toBeGreaterThanOrEqual(PURITY);
  });
});
