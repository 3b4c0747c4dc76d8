// Runs rank's scoring tasks (scoring-tasks.ts) on one worker thread of the shared pool, so
// the calling event loop (browser mode's server, the Electron main process) keeps answering
// while a forest is fitted or a kNN graph is built. Cancelling terminates the thread: the
// task stops at once. `threaded: false` runs the same service here, each task after a turn
// of the event loop.
import { openWorkerPool, workerScript } from '../../util/worker-pool.js';
import type { WorkspacePaths } from '../../workspace/workspace.js';
import {
  createScoringService,
  type ScoringEmbedding,
  type ScoringProgress,
  type ScoringRequest,
  type ScoringResult,
  type ScoringTask,
} from './scoring-tasks.js';

export interface ScoringHooks {
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface ScoringRunner {
  /** True when tasks run on a worker thread. */
  readonly threaded: boolean;
  /** Runs one task; rejects with the signal's reason when it is aborted. */
  run(task: ScoringTask, hooks?: ScoringHooks): Promise<ScoringResult>;
  close(): Promise<void>;
}

/** The worker entry module, or null when it is missing. */
export function scoringWorkerScript(): URL | null {
  return workerScript(import.meta.url, 'scoring-worker');
}

/** A runner scoring `embedding` (whose files lie under `paths`); `threaded: false` keeps it on this thread. */
export function openScoringRunner(
  paths: WorkspacePaths,
  embedding: ScoringEmbedding,
  options: { threaded?: boolean } = {},
): ScoringRunner {
  const pool = openWorkerPool<ScoringRequest, ScoringResult, ScoringProgress>({
    name: 'scoring',
    script: options.threaded === false ? null : scoringWorkerScript(),
    threads: 1,
    inProcess: () => createScoringService(embedding),
  });
  const target = { paths, run: embedding.run };
  return {
    threaded: pool.threads > 0,
    // Member scores are copied, not transferred: the caller still saves them.
    run: (task, hooks = {}) =>
      pool.run(
        { target, task },
        { signal: hooks.signal, onEvent: hooks.onProgress && (([done, total]) => hooks.onProgress!(done, total)) },
      ),
    close: () => pool.close(),
  };
}
