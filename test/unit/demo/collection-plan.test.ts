import { describe, it, expect } from 'vitest';
import { anomalyCount, planDemoCollection } from '../../../electron/core/demo/collection-plan.js';
import { ANOMALY_KINDS } from '../../../electron/core/demo/demo-types.js';
import { NORMAL_GALAXY_TYPES } from '../../../electron/core/demo/galaxy-model.js';

describe('planDemoCollection', () => {
  const plans = planDemoCollection(2000, 1);

  it('injects 2% anomalies and every kind at least four times in 2,000 objects', () => {
    const anomalous = plans.filter((p) => p.anomaly);
    expect(anomalous).toHaveLength(40);
    for (const kind of ANOMALY_KINDS)
      expect(anomalous.filter((p) => p.anomaly === kind).length).toBeGreaterThanOrEqual(4);
  });

  it('records a galaxy type that fits each anomaly', () => {
    for (const p of plans) {
      if (p.anomaly === 'lens') expect(p.galaxyType).toBe('elliptical');
      if (p.anomaly === 'merger') expect(p.galaxyType).toBe('merger');
      if (p.anomaly === 'ring') expect(p.galaxyType).toBe('ring');
      if (p.anomaly === 'extreme_colour') expect(['compact', 'spiral']).toContain(p.galaxyType);
      if (!p.anomaly) expect(NORMAL_GALAXY_TYPES).toContain(p.galaxyType);
    }
  });

  it('mixes the five ordinary types and the two file formats', () => {
    for (const type of NORMAL_GALAXY_TYPES) {
      expect(plans.filter((p) => p.galaxyType === type).length / plans.length).toBeGreaterThan(0.1);
    }
    const fitsShare = plans.filter((p) => p.format === 'fits').length / plans.length;
    expect(fitsShare).toBeGreaterThan(0.45);
    expect(fitsShare).toBeLessThan(0.55);
  });

  it('gives unique DEMO-nnnnnn names and positions inside the demo patch of sky', () => {
    expect(new Set(plans.map((p) => p.name)).size).toBe(plans.length);
    expect(plans[0].name).toBe('DEMO-000001');
    expect(plans[1999].name).toBe('DEMO-002000');
    const ras = plans.map((p) => p.ra);
    const decs = plans.map((p) => p.dec);
    expect(Math.min(...ras)).toBeGreaterThanOrEqual(150);
    expect(Math.max(...ras)).toBeLessThanOrEqual(190);
    expect(Math.min(...decs)).toBeGreaterThanOrEqual(-5);
    expect(Math.max(...decs)).toBeLessThanOrEqual(15);
    // Spread over the patch, not bunched: each half of the RA range holds a fair share.
    expect(ras.filter((ra) => ra < 170).length / ras.length).toBeGreaterThan(0.4);
  });

  it('is the same for the same seed and differs for another', () => {
    expect(planDemoCollection(2000, 1)).toEqual(plans);
    const other = planDemoCollection(2000, 2);
    expect(other.map((p) => p.anomaly)).not.toEqual(plans.map((p) => p.anomaly));
    expect(other[0].seed).not.toBe(plans[0].seed);
  });

  it('rounds the anomaly count and rejects a non-positive size', () => {
    expect(anomalyCount(10)).toBe(0);
    expect(anomalyCount(100)).toBe(2);
    expect(() => planDemoCollection(0, 1)).toThrow(/positive/);
  });
});
