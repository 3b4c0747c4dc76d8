// `serendip merge OUT SHARD…`: shard workspaces combined into OUT (made if absent, added to when it
// holds earlier shards). It spans several workspaces, so it calls the core merge directly rather than
// one workspace's service. Ctrl-C kills it outright: the merge writes files before one transaction,
// so a kill at any point leaves OUT as it was (see shards/merge/merge-workspaces.ts).
import type { Command } from 'commander';
import { mergeWorkspaces, type MergeResult } from '../../core/shards/merge/merge-workspaces.js';
import { progressReporter } from '../progress-reporter.js';
import { printJson } from '../run-command.js';
import { shardName } from '../../core/shards/plan/plan-file.js';

function planText(plan: MergeResult['shards'][number]['plan']): string {
  return plan ? ` (plan ${plan.plan.slice(0, 12)}, ${shardName(plan.shard, plan.shards)} of ${plan.shards})` : '';
}

export function formatMergeResult(result: MergeResult): string {
  const { counts } = result;
  const verb = result.dryRun ? 'would merge' : 'merged';
  const lines = [
    `merge: ${verb} ${result.shards.length} shard(s) into ${result.target}${result.created ? ' (new)' : ''}` +
      (result.dryRun
        ? ''
        : `: ${counts.objects} objects, ${counts.sourceFiles} source files (${counts.sharedSourceFiles} shared), ` +
          `${counts.labelEvents} label events`),
    ...result.shards.map((s) => `  ${s.key}  ${s.path}  ${s.objects} objects${planText(s.plan)}`),
  ];
  if (result.runs.length) lines.push('runs:');
  for (const r of result.runs)
    lines.push(
      `  ${r.id}  ${r.title}` +
        (result.dryRun ? '' : `  ${r.rows} rows${r.extended ? ' (extended)' : ''}`) +
        (r.dropped ? `, ${r.dropped} rows naming no object left out` : ''),
    );
  if (result.notCarried.length) lines.push('not carried:');
  for (const n of result.notCarried) lines.push(`  ${n.workspace}: ${n.kind} ${n.method} ${n.run}: ${n.reason}`);
  if (result.partialRuns.length)
    lines.push(
      `note: ${result.partialRuns.map((r) => `${r.kind} ${r.method} ${r.id}`).join(', ')} cover(s) only the ` +
        "target's earlier objects: run them again to include the new shards",
    );
  for (const note of counts.notes.slice(0, 5)) lines.push(`note: ${note}`);
  return lines.join('\n');
}

export function registerMergeCommand(program: Command): void {
  program
    .command('merge')
    .description(
      'combine shard workspaces into one (OUT is made if absent; shards merged later add to it). Model inputs ' +
        'and thumbnails stay in the shards, which must not move; runs a fixed model made are merged, others are not',
    )
    .argument('<out>', 'the merged workspace')
    .argument('<shards...>', 'shard workspaces (e.g. from `serendip ingest --plan --shard`)')
    .option('--dry-run', 'check and say what would be merged, writing nothing')
    .option('--json', 'print the result as JSON on stdout')
    .action((out: string, shards: string[], options: { dryRun?: boolean; json?: boolean }) => {
      const progress = progressReporter();
      let result: MergeResult;
      try {
        result = mergeWorkspaces(out, shards, { dryRun: options.dryRun, onProgress: progress.report });
      } finally {
        progress.end();
      }
      if (options.json) printJson(result);
      else console.error(formatMergeResult(result));
    });
}
