// Runs rank's scoring tasks (scoring-tasks.ts) on one worker thread, so the calling event
// loop (browser mode's server, the Electron main process) keeps answering while a forest
// is fitted or a kNN graph is built. The worker runs the compiled script (see
// util/compiled-worker.ts); without one (the project not built) the tasks run here, each
// after an event-loop turn. Cancelling terminates the worker: the task stops at once.
import { Worker } from 'node:worker_threads';
import { compiledWorkerScript } from '../../util/compiled-worker.js';
import type { WorkspacePaths } from '../../workspace/workspace.js';
import { performScoringTask, type ScoringEmbedding, type ScoringMessage, type ScoringReply, type ScoringResult, type ScoringTask } from './scoring-tasks.js';

const WORKER_FILE = 'scoring-worker.js';

export interface ScoringHooks {
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface ScoringRunner {
  /** True when tasks run on a worker thread. */
  readonly threaded: boolean;
  /** Runs one task; rejects with the signal's reason when it is aborted. */
  run(task: ScoringTask, hooks?: ScoringHooks): Promise<ScoringResult>;
  /** Stops the worker; the runner is unusable afterwards. */
  close(): Promise<void>;
}

/** The compiled worker script, or null when the project has not been built. */
export function scoringWorkerScript(): URL | null {
  return compiledWorkerScript(import.meta.url, WORKER_FILE);
}

/** A runner scoring `embedding` (whose files lie under `paths`); `threaded: false` keeps it on this thread. */
export function openScoringRunner(paths: WorkspacePaths, embedding: ScoringEmbedding, options: { threaded?: boolean } = {}): ScoringRunner {
  const script = options.threaded === false ? null : scoringWorkerScript();
  return script ? new WorkerScoringRunner(script, paths, embedding) : new InProcessScoringRunner(paths, embedding);
}

class InProcessScoringRunner implements ScoringRunner {
  readonly threaded = false;

  constructor(private readonly paths: WorkspacePaths, private readonly embedding: ScoringEmbedding) {}

  async run(task: ScoringTask, hooks: ScoringHooks = {}): Promise<ScoringResult> {
    // One turn of the event loop first, so progress and a cancel can get through between tasks.
    await new Promise<void>((resolve) => setImmediate(resolve));
    hooks.signal?.throwIfAborted();
    return performScoringTask(this.embedding, this.paths, task, hooks.onProgress);
  }

  async close(): Promise<void> {}
}

interface Pending {
  resolve: (result: ScoringResult) => void;
  reject: (reason: unknown) => void;
  onProgress?: (done: number, total: number) => void;
}

class WorkerScoringRunner implements ScoringRunner {
  readonly threaded = true;
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private failure: unknown = null;
  private nextId = 1;

  constructor(script: URL, private readonly paths: WorkspacePaths, private readonly embedding: ScoringEmbedding) {
    this.worker = new Worker(script);
    this.worker.on('message', (reply: ScoringReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      if ('progress' in reply) return waiting.onProgress?.(...reply.progress);
      this.pending.delete(reply.id);
      if ('error' in reply) waiting.reject(new Error(`scoring worker: ${reply.error}`));
      else waiting.resolve(reply.result);
    });
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', (code) => this.fail(new Error(`scoring worker exited (code ${code})`)));
  }

  run(task: ScoringTask, hooks: ScoringHooks = {}): Promise<ScoringResult> {
    if (this.failure) return Promise.reject(this.failure);
    const { signal } = hooks;
    if (signal?.aborted) return Promise.reject(signal.reason);
    const id = this.nextId++;
    return new Promise<ScoringResult>((resolve, reject) => {
      const onAbort = () => {
        // Terminating is the only way to stop a synchronous task; the runner ends with it.
        this.fail(signal!.reason);
        void this.worker.terminate();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const settle = <T>(then: (value: T) => void) => (value: T) => {
        signal?.removeEventListener('abort', onAbort);
        then(value);
      };
      this.pending.set(id, { resolve: settle(resolve), reject: settle(reject), onProgress: hooks.onProgress });
      const message: ScoringMessage = { id, target: { paths: this.paths, run: this.embedding.run }, task };
      // Member scores are copied, not transferred: the caller still saves them.
      this.worker.postMessage(message);
    });
  }

  async close(): Promise<void> {
    this.fail(new Error('the scoring runner is closed'));
    await this.worker.terminate();
  }

  private fail(reason: unknown): void {
    this.failure ??= reason;
    for (const waiting of this.pending.values()) waiting.reject(this.failure);
    this.pending.clear();
  }
}
