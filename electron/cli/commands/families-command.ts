// `serendip families <ws>`: the top-N image anomalies grouped into families of look-alikes, one
// line per family (id, size, exemplar, first members, then the features they share), or the
// API's array with --json.
import type { Command } from 'commander';
import { parseIntegerOption, printJson, withService } from '../run-command.js';
import type { AnomalyFamily } from '../../core/api/contract-families.js';
import { DEFAULT_FAMILY_OBJECTS, MAX_FAMILY_OBJECTS } from '../../core/discovery/explain/anomaly-families.js';

/** Members named on a family's line; --json lists them all. */
const LINE_MEMBERS = 5;

export function registerFamiliesCommand(program: Command): void {
  program
    .command('families')
    .description(
      'group the top-N image anomalies (by the ensemble score) into families of look-alikes: average-linkage ' +
        'clusters in the newest embedding together with the morphology features, cut at twice the median ' +
        'nearest-neighbour distance among them; each family names the features its members share',
    )
    .argument('<workspace>', 'workspace folder')
    .option('-n <n>', 'top anomalies to group', parseIntegerOption('-n', 1, MAX_FAMILY_OBJECTS), DEFAULT_FAMILY_OBJECTS)
    .option('--json', 'print the families as one JSON array on stdout')
    .action(async (workspace: string, options: { n: number; json?: boolean }) => {
      await withService(workspace, {}, (service) => {
        const families = service.families(options.n);
        if (options.json) printJson(families);
        else console.log(families.map(familyLine).join('\n'));
      });
    });
}

export function familyLine(f: AnomalyFamily): string {
  const shown = f.members.slice(0, LINE_MEMBERS).join(', ');
  const more = f.size > LINE_MEMBERS ? `, … ${f.size - LINE_MEMBERS} more` : '';
  const shared = f.features.length ? `  (${f.features.map((s) => s.phrase).join('; ')})` : '';
  const head = `${String(f.family).padStart(3)}  ${String(f.size).padStart(4)}  ${f.exemplar.padEnd(24)}`;
  return `${head}  ${shown}${more}${shared}`;
}
