// Shared shape of every CLI command: open the workspace, run with progress and Ctrl-C
// cancel, close, and turn any failure into one line on stderr and a non-zero exit.
import { SerendipService } from '../core/api/serendip-service.js';
import type { CallOptions } from '../core/api/contract.js';
import { progressReporter } from './progress-reporter.js';

export async function withService<T>(
  workspaceDir: string,
  options: { create?: boolean },
  action: (service: SerendipService, call: CallOptions) => Promise<T> | T,
): Promise<T> {
  const controller = new AbortController();
  const onInterrupt = () => controller.abort(new Error('cancelled by the user'));
  process.once('SIGINT', onInterrupt);
  const progress = progressReporter();
  const service = SerendipService.open(workspaceDir, options);
  try {
    return await action(service, { onProgress: progress.report, signal: controller.signal });
  } finally {
    progress.end();
    service.close();
    process.off('SIGINT', onInterrupt);
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

export function parseIntegerOption(name: string, min: number, max: number) {
  return (text: string): number => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > max)
      throw new Error(`${name} must be an integer from ${min} to ${max}, got "${text}"`);
    return value;
  };
}
