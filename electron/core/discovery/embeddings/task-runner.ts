// Runs embedding tasks either on worker threads or on the calling thread, behind one
// interface. Workers run the compiled worker script: next to this module when running from
// dist/, else (running the TypeScript sources, as the unit tests do) the same path under
// <package root>/dist/. Without a compiled script, or when asked for no workers, tasks run
// here, between event-loop turns so that progress and cancellation still get through.
import { compiledWorkerScript } from '../../util/compiled-worker.js';
import { Worker } from 'node:worker_threads';
import {
  newTaskState,
  performEmbeddingTask,
  type EmbeddingTask,
  type EmbeddingTaskResult,
  type TaskMessage,
  type TaskReply,
  type TaskResult,
} from './embedding-tasks.js';

const WORKER_FILE = 'embedding-worker.js';

export interface EmbeddingTaskRunner {
  /** Worker threads in use; 0 when tasks run on the calling thread. */
  readonly threads: number;
  /** Runs a task on the least busy thread. Buffers in `transfer` move to that thread and are unusable here afterwards. */
  run<T extends EmbeddingTask>(task: T, transfer?: ArrayBuffer[]): Promise<EmbeddingTaskResult<T>>;
  /** Runs a task on every thread (for the stateful `attach-*` tasks). */
  broadcast(task: EmbeddingTask): Promise<void>;
  close(): Promise<void>;
}

/** The compiled worker script, or null when the project has not been built. */
export function embeddingWorkerScript(): URL | null {
  return compiledWorkerScript(import.meta.url, WORKER_FILE);
}

/** A runner with `threads` workers, or one on the calling thread when threads is 0 or no compiled script exists. */
export function createTaskRunner(threads: number): EmbeddingTaskRunner {
  const script = threads > 0 ? embeddingWorkerScript() : null;
  return script ? new WorkerTaskRunner(script, threads) : new InProcessTaskRunner();
}

class InProcessTaskRunner implements EmbeddingTaskRunner {
  readonly threads = 0;
  private readonly state = newTaskState();

  async run<T extends EmbeddingTask>(task: T): Promise<EmbeddingTaskResult<T>> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    return performEmbeddingTask(this.state, task) as EmbeddingTaskResult<T>;
  }

  async broadcast(task: EmbeddingTask): Promise<void> {
    await this.run(task);
  }

  async close(): Promise<void> {}
}

interface Pending {
  resolve: (value: TaskResult) => void;
  reject: (reason: Error) => void;
}

class WorkerSlot {
  readonly pending = new Map<number, Pending>();
  failure: Error | null = null;

  constructor(readonly worker: Worker) {
    worker.on('message', (reply: TaskReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if ('error' in reply) waiting.reject(new Error(`embedding worker: ${reply.error}`));
      else waiting.resolve(reply.result);
    });
    const fail = (err: Error): void => {
      this.failure ??= err;
      for (const waiting of this.pending.values()) waiting.reject(err);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`embedding worker exited (code ${code})`)));
  }
}

class WorkerTaskRunner implements EmbeddingTaskRunner {
  private readonly slots: WorkerSlot[];
  private nextId = 1;

  constructor(script: URL, readonly threads: number) {
    this.slots = Array.from({ length: threads }, () => new WorkerSlot(new Worker(script)));
  }

  private post(slot: WorkerSlot, task: EmbeddingTask, transfer: ArrayBuffer[]): Promise<TaskResult> {
    if (slot.failure) return Promise.reject(slot.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      const message: TaskMessage = { id, task };
      slot.worker.postMessage(message, transfer);
    });
  }

  run<T extends EmbeddingTask>(task: T, transfer: ArrayBuffer[] = []): Promise<EmbeddingTaskResult<T>> {
    let slot = this.slots[0];
    for (const candidate of this.slots) if (candidate.pending.size < slot.pending.size) slot = candidate;
    return this.post(slot, task, transfer) as Promise<EmbeddingTaskResult<T>>;
  }

  async broadcast(task: EmbeddingTask): Promise<void> {
    await Promise.all(this.slots.map((slot) => this.post(slot, task, [])));
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }
}
