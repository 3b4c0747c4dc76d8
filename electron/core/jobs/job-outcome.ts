// What a finished job amounts to, in a few words, for every place that lists jobs: an ingest (or
// the demo's ingest) ends with its counts, "20 added, 22 failed, 5 with warnings", and the number
// of problem files, so the app can tell a job that read everything from one that left files
// behind without the user running `serendip status --errors`.
import type { DemoResult, IngestResult } from '../api/contract.js';
import type { JobOutcome } from '../api/view-types.js';

/** Only the counts are read, so a result cut down to them (or from an older version) still answers. */
type IngestCounts = Pick<IngestResult, 'added' | 'updated' | 'skipped' | 'failed'> & { warnings: readonly unknown[] };

/** "20 added, 22 failed, 5 with warnings": added always, the other counts when there are any. */
export function ingestCountsText(counts: IngestCounts): string {
  const parts = [`${counts.added.toLocaleString('en-US')} added`];
  const more: [number, string][] = [
    [counts.updated, 'updated'],
    [counts.skipped, 'unchanged'],
    [counts.failed, 'failed'],
    [counts.warnings.length, 'with warnings'],
  ];
  for (const [n, words] of more) if (n > 0) parts.push(`${n.toLocaleString('en-US')} ${words}`);
  return parts.join(', ');
}

function isIngestCounts(value: unknown): value is IngestCounts {
  const r = value as Partial<IngestCounts> | null;
  return (
    !!r &&
    typeof r.added === 'number' &&
    typeof r.updated === 'number' &&
    typeof r.skipped === 'number' &&
    typeof r.failed === 'number' &&
    Array.isArray(r.warnings)
  );
}

/** The outcome of a job that finished with `result`; null for methods whose result needs no words. */
export function jobOutcome(method: string, result: unknown): JobOutcome | null {
  const ingest = method === 'demo' ? (result as Partial<DemoResult> | null)?.ingest : result;
  if ((method !== 'ingest' && method !== 'demo') || !isIngestCounts(ingest)) return null;
  return { summary: ingestCountsText(ingest), problems: ingest.failed + ingest.warnings.length };
}
