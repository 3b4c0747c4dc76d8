#!/usr/bin/env node
// The `serendip` command line: a thin shell over the API (electron/core/api/contract.ts); each
// command opens a workspace and calls the same service as the app (docs/ARCHITECTURE.md).
import { Command, CommanderError } from 'commander';
import { registerFoundationCommands } from './commands/foundation-commands.js';
import { registerLabelCommands } from './commands/label-commands.js';
import { registerDiscoveryCommands } from './commands/discovery-commands.js';
import { registerExplainCommand } from './commands/explain-command.js';
import { registerFamiliesCommand } from './commands/families-command.js';
import { registerServeCommand } from './commands/serve-command.js';
import { registerImportCommands } from './commands/import-commands.js';
import { registerDoctorCommand } from './commands/doctor-command.js';
import { registerShardCommands } from './commands/shard-commands.js';
import { registerMergeCommand } from './commands/merge-command.js';
import { APP_VERSION } from '../core/app-version.js';

export function buildProgram(): Command {
  const program = new Command('serendip')
    .description('Explore collections of galaxy images and spectra; rank the unexpected; label what matters.')
    .version(APP_VERSION)
    .showHelpAfterError()
    .exitOverride();
  registerFoundationCommands(program);
  registerDiscoveryCommands(program);
  registerExplainCommand(program);
  registerFamiliesCommand(program);
  registerImportCommands(program);
  registerShardCommands(program);
  registerLabelCommands(program);
  registerServeCommand(program);
  registerDoctorCommand(program);
  registerMergeCommand(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    console.error(`serendip: ${(err as Error).message}`);
    if (process.env.SERENDIP_DEBUG) console.error(err);
    return 1;
  }
}

process.exitCode = await main(process.argv);
