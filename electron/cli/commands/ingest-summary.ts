// How an ingest result reads on a terminal: the counts, then each failure with its reason,
// then the files read with warnings.
import type { IngestResult } from '../../core/api/contract.js';

export function formatIngestSummary(result: IngestResult, maxErrors = 20): string {
  const what = result.shard
    ? `ingest ${result.shard.name} (shard ${result.shard.index} of ${result.shard.count})`
    : result.sample
      ? `sample (${result.sample.objects} of ${result.sample.planned} planned objects)`
      : 'ingest';
  const lines = [
    `${what}: ${result.added} added, ${result.updated} updated, ${result.skipped} skipped ` +
      `(unchanged), ${result.failed} failed` +
      (result.ignored ? `, ${result.ignored} ignored (not images)` : ''),
  ];
  for (const e of result.errors.slice(0, maxErrors)) lines.push(`  failed: ${e.path}: ${e.reason}`);
  if (result.errors.length > maxErrors)
    lines.push(`  ... and ${result.errors.length - maxErrors} more (serendip status --errors)`);
  const warned = result.warnings ?? [];
  for (const w of warned.slice(0, maxErrors))
    lines.push(
      `  read with warnings: ${w.path}: ${w.messages.slice(0, 3).join('; ')}` +
        (w.messages.length > 3 ? `; and ${w.messages.length - 3} more` : ''),
    );
  if (warned.length > maxErrors)
    lines.push(`  ... and ${warned.length - maxErrors} more files with warnings (serendip status --errors)`);
  if (result.catalog) {
    const c = result.catalog;
    lines.push(`catalog: ${c.matched} of ${c.rows} rows matched by ${c.by} (${c.key}), ${c.unmatched} unmatched`);
    if (c.unmatchedExamples.length)
      lines.push(
        `  unmatched: ${c.unmatchedExamples.join(', ')}${c.unmatched > c.unmatchedExamples.length ? ', ...' : ''}`,
      );
  }
  return lines.join('\n');
}
