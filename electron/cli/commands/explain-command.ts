// `serendip explain <ws> <name>`: why an image object is odd, as a short readable summary (or the
// API's whole answer with --json): each scorer's rank, the features that differ most from its
// typical neighbours', and who those neighbours are.
import type { Command } from 'commander';
import { parseIntegerOption, printJson, withService } from '../run-command.js';
import { formatRank, formatScore } from '../../core/util/score-numbers.js';
import type { Explanation } from '../../core/api/contract-explain.js';

/** Features printed in the summary; --json gives them all. */
const SUMMARY_FEATURES = 8;

export function registerExplainCommand(program: Command): void {
  program
    .command('explain')
    .description(
      "why an image object is odd: each scorer's rank, and its morphology features against its typical " +
        'neighbours (the nearest objects not in the top 5% of the ensemble), in σ',
    )
    .argument('<workspace>', 'workspace folder')
    .argument('<name>', 'object name')
    .option('-k <k>', 'typical neighbours to compare with', parseIntegerOption('-k', 2, 1000), 10)
    .option('--json', 'print the whole explanation as one JSON object on stdout')
    .action(async (workspace: string, name: string, options: { k: number; json?: boolean }) => {
      await withService(workspace, {}, (service) => {
        const explanation = service.explain(name, options.k);
        if (options.json) printJson(explanation);
        else console.log(summary(explanation));
      });
    });
}

export function summary(e: Explanation): string {
  const lines: string[] = [];
  const tops = e.scorers.filter((s) => s.top).map((s) => s.method);
  lines.push(
    `${e.name}: ${tops.length > 0 ? `in the top 5% of ${tops.join(', ')}` : 'in the top 5% of no scorer'}`,
    '',
    'Scores (the newest run of each method):',
  );
  for (const s of e.scorers) {
    const top = s.top ? ' top 5%' : '';
    lines.push(
      `  ${s.method.padEnd(16)} ${formatScore(s.score).padStart(8)}  ${formatRank(s).padEnd(18)}${top}`.trimEnd(),
    );
  }
  lines.push('', `Against its ${e.neighbours.length} typical neighbours (embedding ${e.embeddingRun}):`);
  for (const f of e.features.slice(0, SUMMARY_FEATURES))
    lines.push(
      `  ${f.phrase.padEnd(56)} (${formatScore(f.value)}; neighbours ${formatScore(f.mean)} ± ${formatScore(f.sd)})`,
    );
  if (e.features.length > SUMMARY_FEATURES)
    lines.push(`  … ${e.features.length - SUMMARY_FEATURES} more features (--json lists them all)`);
  lines.push('', 'Typical neighbours, nearest first:');
  for (const n of e.neighbours) lines.push(`  ${n.name.padEnd(32)} distance ${formatScore(n.distance)}`);
  return lines.join('\n');
}
