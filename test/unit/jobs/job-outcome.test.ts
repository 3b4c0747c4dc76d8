// An ingest (or the demo's) ends with its counts in words and its number of problem files;
// other methods have no outcome.
import { describe, expect, it } from 'vitest';
import { ingestCountsText, jobOutcome } from '../../../electron/core/jobs/job-outcome.js';

const ingest = (counts: Partial<{ added: number; updated: number; skipped: number; failed: number }>, warned = 0) => ({
  added: 0,
  updated: 0,
  skipped: 0,
  failed: 0,
  ignored: 0,
  total: 0,
  errors: [],
  warnings: Array.from({ length: warned }, (_, i) => ({ path: `w${i}.fits`, messages: ['lowercase keyword'] })),
  runId: 'run-1',
  ...counts,
});

describe('job outcome', () => {
  it('words the counts: added always, the others only when there are some', () => {
    expect(ingestCountsText(ingest({ added: 20, failed: 22 }, 5))).toBe('20 added, 22 failed, 5 with warnings');
    expect(ingestCountsText(ingest({ added: 0, skipped: 3 }))).toBe('0 added, 3 unchanged');
    expect(ingestCountsText(ingest({ added: 12_345, updated: 2 }))).toBe('12,345 added, 2 updated');
  });

  it('counts failed files and files with warnings as problems', () => {
    expect(jobOutcome('ingest', ingest({ added: 20, failed: 22 }, 5))).toEqual({
      summary: '20 added, 22 failed, 5 with warnings',
      problems: 27,
    });
    expect(jobOutcome('ingest', ingest({ added: 4 }))).toEqual({ summary: '4 added', problems: 0 });
  });

  it("reads the demo's ingest, and gives no outcome to other methods or to results without counts", () => {
    const demo = { files: 3, anomalies: 1, truthPath: 't.csv', dataDir: 'd', ingest: ingest({ added: 2, failed: 1 }) };
    expect(jobOutcome('demo', demo)).toEqual({ summary: '2 added, 1 failed', problems: 1 });
    expect(jobOutcome('embed', ingest({ added: 2 }))).toBeNull();
    expect(jobOutcome('ingest', { added: 2 })).toBeNull();
    expect(jobOutcome('ingest', null)).toBeNull();
    expect(jobOutcome('demo', {})).toBeNull();
  });
});
