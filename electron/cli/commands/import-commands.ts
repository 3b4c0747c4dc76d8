// import-embeddings, import-scores: vectors or scores made elsewhere (another model, another
// pipeline) become a run of method `imported`, which rank, map, similar, queue and export use
// like any other. One command per kind, with the same options.
import type { Command } from 'commander';
import { Option } from 'commander';
import { printJson, withService } from '../run-command.js';
import { MODALITIES, type ImportKind, type ImportRequest, type ImportResult } from '../../core/api/contract.js';

const COMMANDS: Record<ImportKind, { name: string; what: string; values: string }> = {
  embedding: {
    name: 'import-embeddings',
    what: 'an embedding computed elsewhere (a vector per object)',
    values: '.npy [rows, dim] float32/64 with --names; Parquet; HDF5',
  },
  score: {
    name: 'import-scores',
    what: 'anomaly scores computed elsewhere (a value per object, higher = more anomalous)',
    values: '.npy [rows] with --names; Parquet; HDF5',
  },
};

type ImportOptions = Omit<ImportRequest, 'kind' | 'file'> & { json?: boolean };

function report(command: string, result: ImportResult): void {
  const objects = `${result.matched} ${result.modality ?? 'object'}s`;
  const what = result.kind === 'embedding' ? `${objects} × ${result.dim} dimensions` : `${objects} scored`;
  console.error(`${command}: run ${result.runId}, ${what} (${result.format}, ${result.rows} rows)`);
  if (result.unmatched > 0)
    console.error(
      `${command}: ${result.unmatched} rows unmatched, left out (first: ${result.unmatchedExamples.join(', ')})`,
    );
  if (result.objectsWithout > 0)
    console.error(
      `${command}: ${result.objectsWithout} objects have no ${result.kind === 'embedding' ? 'vector' : 'score'}` +
        (result.kind === 'embedding' ? ' (rank, map and similar leave them out)' : ''),
    );
}

export function registerImportCommands(program: Command): void {
  for (const [kind, spec] of Object.entries(COMMANDS) as [ImportKind, (typeof COMMANDS)[ImportKind]][]) {
    program
      .command(spec.name)
      .description(`import ${spec.what} as a run of method imported`)
      .argument('<workspace>', 'workspace folder')
      .argument('<file>', spec.values)
      .option(
        '--match <how>',
        'how rows find objects: name (object names), catalog:<column> (a joined catalog column), ' +
          'radec (nearest object within 2″)',
        'name',
      )
      .option('--names <file>', "the names of a .npy file's rows: text (one per line), a .npy of names, or a .csv")
      .option('--id-column <name>', 'Parquet or a names .csv: the column of names; HDF5: the names dataset', 'name')
      .option('--vector-column <name>', 'Parquet: the list column of vectors (default: the one list column)')
      .option(
        '--columns <list>',
        "Parquet: one column per dimension, 'a,b,c' or 'prefix*' (columns starting with prefix, in file order); " +
          'scores: the score column (default score)',
      )
      .option('--dataset <path>', 'HDF5: the values dataset (default: the one 2-D dataset; scores: score)')
      .option('--names-dataset <path>', 'HDF5: the names dataset (default name)')
      .option('--ra-column <name>', '--match radec: the RA column or dataset, degrees', 'ra')
      .option('--dec-column <name>', '--match radec: the Dec column or dataset, degrees', 'dec')
      .addOption(
        new Option('--modality <modality>', 'only objects of this modality (default: the one the rows match)').choices([
          ...MODALITIES,
        ]),
      )
      .option('--json', 'print the result as JSON on stdout')
      .action(async (workspace: string, file: string, options: ImportOptions) => {
        const { json, ...request } = options;
        const result = await withService(workspace, {}, (service, call) =>
          service.importRun({ ...request, kind, file }, call),
        );
        if (json) printJson(result);
        report(spec.name, result);
      });
  }
}
