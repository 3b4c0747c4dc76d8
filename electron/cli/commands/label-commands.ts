// label: set, clear, undo, or import labels.
import type { Command } from 'commander';
import { printJson, withService } from '../run-command.js';
import type { LabelResult, UndoResult } from '../../core/api/contract.js';

function describe(result: LabelResult): string {
  if (!result.label)
    return result.relevance !== null
      ? `${result.name}: relevance ${result.relevance}, no label`
      : `${result.name}: no label`;
  const relevance = result.relevance !== null ? ` (relevance ${result.relevance})` : '';
  const note = result.note ? ` — ${result.note}` : '';
  return `${result.name}: ${result.label}${relevance}${note}`;
}

function describeUndo(result: UndoResult): string {
  const others = result.changes - 1;
  return `undone: ${describe(result)}${others > 0 ? ` and ${others} more label change${others > 1 ? 's' : ''}` : ''}`;
}

export function registerLabelCommands(program: Command): void {
  program
    .command('label')
    .description(
      'label an object (every change is kept; --undo reverts the latest, an import or a labelling of many objects ' +
        'whole), or import name,label[,relevance] from a CSV',
    )
    .argument('<workspace>', 'workspace folder')
    .argument('[name]', 'object name')
    .argument('[label]', 'label text, e.g. interesting, artefact, lens, merger, ring')
    .option('--relevance <0-5>', 'how relevant it is to you, 0-5 (alone, without a label: the object keeps its label)')
    .option('--note <text>', 'free-text note')
    .option('--from <file>', 'CSV with columns name,label[,relevance][,note]')
    .option('--clear', 'remove the label of <name>')
    .option('--undo', 'undo the latest label change')
    .option('--json', 'print the result as JSON')
    .action(
      async (
        workspace: string,
        name: string | undefined,
        label: string | undefined,
        options: { relevance?: string; note?: string; from?: string; clear?: boolean; undo?: boolean; json?: boolean },
      ) => {
        await withService(workspace, {}, async (service) => {
          if (options.from) {
            const result = await service.labelFromCsv(options.from);
            return options.json
              ? printJson(result)
              : console.error(`label: ${result.labelled} labels imported from ${options.from}`);
          }
          if (options.undo) {
            const result = service.undoLabel();
            return options.json ? printJson(result) : console.error(result ? describeUndo(result) : 'nothing to undo');
          }
          if (!name) throw new Error('give an object name (or --from FILE.csv, or --undo)');
          if (options.clear) {
            const result = service.clearLabel(name);
            return options.json ? printJson(result) : console.error(describe(result));
          }
          if (!label && options.relevance === undefined)
            throw new Error(`give a label for ${name}, or a relevance alone with --relevance 0-5`);
          const relevance = options.relevance === undefined ? null : Number(options.relevance);
          if (relevance !== null && !(Number.isInteger(relevance) && relevance >= 0 && relevance <= 5)) {
            throw new Error(`--relevance must be an integer from 0 to 5, got "${options.relevance}"`);
          }
          const result = service.label({ name, label: label ?? null, relevance, note: options.note ?? null });
          return options.json ? printJson(result) : console.error(describe(result));
        });
      },
    );
}
