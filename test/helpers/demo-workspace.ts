// A demo workspace made once by the built CLI for the tests of a describe block that build on
// one another, in a temporary folder removed after the block's last test.
import { join } from 'node:path';
import { beforeAll } from 'vitest';
import { runCliOk } from './run-cli.js';
import { useSharedTempDir } from './temp-dir.js';

export interface DemoWorkspace {
  /** The temporary folder (for files a test writes beside the workspace), and the workspace in it. */
  shared: string;
  ws: string;
}

/** Registers a beforeAll that runs `serendip demo <ws> --objects <objects> --seed <seed>`. */
export function useDemoWorkspace(prefix: string, objects: number, seed: number): DemoWorkspace {
  const shared = useSharedTempDir(prefix)();
  const ws = join(shared, 'ws');
  beforeAll(() => {
    runCliOk(['demo', ws, '--objects', String(objects), '--seed', String(seed)]);
  });
  return { shared, ws };
}
