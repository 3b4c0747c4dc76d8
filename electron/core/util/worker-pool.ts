// One typed pool of worker threads for every use that must keep heavy work off the thread
// that answers the window (ingest decoding, embedding and scoring tasks, the layout's SGD,
// demo rendering, model training). It gives each use the same things: the least busy
// thread, progress events, cancel (the thread is terminated, then replaced on next use),
// transfer lists, a thread that died replaced, and an in-process mode that runs the same
// service on the calling thread (no threads asked for, or tests that want one thread).
//
// Workers run the entry module beside the module that starts them: compiled JavaScript in
// dist/, or, when the sources run (the tests), the TypeScript entry bundled from the sources
// as they are now, so a test never runs stale compiled code.
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type TransferListItem } from 'node:worker_threads';
import type { TaskContext, TaskReply, TaskRequest, TaskService } from './worker-tasks.js';

export interface RunOptions<Event> {
  transfer?: TransferListItem[];
  onEvent?: (event: Event) => void;
  /** Aborting rejects the run with the signal's reason; a worker running it is terminated. */
  signal?: AbortSignal;
}

/** A sequence of tasks that must meet the same thread (a stateful conversation). */
export interface WorkerLane<Task, Result, Event> {
  run(task: Task, options?: RunOptions<Event>): Promise<Result>;
  /** True once the lane's thread died or was terminated: its state is gone. */
  readonly failed: boolean;
}

export interface WorkerPool<Task, Result, Event = never> {
  /** Worker threads in use; 0 when tasks run on the calling thread. */
  readonly threads: number;
  /** Runs a task on the least busy thread. */
  run(task: Task, options?: RunOptions<Event>): Promise<Result>;
  /** The least busy thread, kept for a sequence of tasks. */
  lane(): WorkerLane<Task, Result, Event>;
  /** Runs the same task on every thread (to load per-thread state). */
  broadcast(task: Task): Promise<Result[]>;
  /** Runs tasks[i] on thread i, all at once (threads that cooperate through shared memory). */
  runOnEach(tasks: Task[], options?: RunOptions<Event>): Promise<Result[]>;
  /** Releases the threads; `drain` first lets the tasks already sent finish. */
  close(options?: { drain?: boolean }): Promise<void>;
}

export interface WorkerPoolOptions<Task, Result, Event> {
  /** Used in errors: "the <name> worker stopped (code 1)". */
  name: string;
  /** The worker entry module (see `workerScript`), or null to run on the calling thread. */
  script: URL | null;
  /** Threads to start; 0 runs on the calling thread. */
  threads: number;
  /** The service for the calling thread's mode, made once on first use; none where the tasks need threads. */
  inProcess?: () => TaskService<Task, Result, Event>;
  workerData?: unknown;
}

/**
 * The worker entry module `name` (no extension) beside the module at `moduleUrl` (pass
 * `import.meta.url`): `name.js` when that module is compiled, `name.ts` when it runs from
 * the sources. Null when it is missing (a bundle that left it out): callers then run on
 * the calling thread.
 */
export function workerScript(moduleUrl: string, name: string): URL | null {
  const extension = moduleUrl.endsWith('.ts') ? 'ts' : 'js';
  const script = new URL(`./${name}.${extension}`, moduleUrl);
  return existsSync(fileURLToPath(script)) ? script : null;
}

export function openWorkerPool<Task, Result, Event = never>(
  options: WorkerPoolOptions<Task, Result, Event>,
): WorkerPool<Task, Result, Event> {
  if (options.script && options.threads > 0) return new ThreadPool(options, options.script);
  if (!options.inProcess) throw new Error(`the ${options.name} tasks need worker threads, and none can start`);
  return new InProcessPool(options.inProcess);
}

const sourceBundles = new Map<string, URL>();

/**
 * A TypeScript entry bundled with its sources into one module (packages left as imports), once
 * per process. Loading a bundle takes a fraction of a second where a TypeScript loader hook,
 * resolving and compiling a hundred modules in every thread, took seconds. Tests only: esbuild
 * is a development dependency.
 */
function bundledSource(entry: URL): URL {
  const known = sourceBundles.get(entry.href);
  if (known) return known;
  const require = createRequire(import.meta.url);
  const esbuild = require('esbuild') as typeof import('esbuild');
  // Under node_modules so that the bundle's package imports resolve as the sources' do.
  const folder = fileURLToPath(new URL('../../../node_modules/.cache/serendip-workers/', import.meta.url));
  mkdirSync(folder, { recursive: true });
  const name = fileURLToPath(entry)
    .replace(/[^\w.-]+/g, '_')
    .replace(/\.ts$/, '.mjs');
  const temporary = join(folder, `${name}.${process.pid}.tmp`);
  esbuild.buildSync({
    entryPoints: [fileURLToPath(entry)],
    outfile: temporary,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'error',
  });
  // Parallel test processes bundle the same entry: each renames its own whole file into place.
  renameSync(temporary, join(folder, name));
  const bundle = pathToFileURL(join(folder, name));
  sourceBundles.set(entry.href, bundle);
  return bundle;
}

function startWorker(script: URL, workerData: unknown): Worker {
  const runnable = script.pathname.endsWith('.ts') ? bundledSource(script) : script;
  return new Worker(runnable, { workerData });
}

/** A task's own failure, thrown on its worker thread (a thread that died rejects with a plain Error). */
export class WorkerTaskError extends Error {
  constructor(
    message: string,
    readonly workerStack?: string,
  ) {
    super(message);
    this.name = 'WorkerTaskError';
  }
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('cancelled');
}

class InProcessPool<Task, Result, Event> implements WorkerPool<Task, Result, Event> {
  readonly threads = 0;
  private service: TaskService<Task, Result, Event> | null = null;

  constructor(private readonly makeService: () => TaskService<Task, Result, Event>) {}

  async run(task: Task, options: RunOptions<Event> = {}): Promise<Result> {
    // One turn of the event loop first, so progress and a cancel get through between tasks.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const { signal, onEvent } = options;
    if (signal?.aborted) throw abortReason(signal);
    this.service ??= this.makeService();
    const context: TaskContext<Event> = {
      emit: (event) => onEvent?.(event),
      get cancelled() {
        return signal?.aborted ?? false;
      },
    };
    try {
      return await this.service.perform(task, context);
    } catch (err) {
      if (signal?.aborted) throw abortReason(signal);
      throw err;
    }
  }

  lane(): WorkerLane<Task, Result, Event> {
    return { run: (task, options) => this.run(task, options), failed: false };
  }

  async broadcast(task: Task): Promise<Result[]> {
    return [await this.run(task)];
  }

  async runOnEach(tasks: Task[], options?: RunOptions<Event>): Promise<Result[]> {
    const results: Result[] = [];
    for (const task of tasks) results.push(await this.run(task, options));
    return results;
  }

  async close(): Promise<void> {}
}

interface Pending<Result, Event> {
  resolve: (result: Result) => void;
  reject: (reason: unknown) => void;
  onEvent?: (event: Event) => void;
}

/** One worker thread and the runs it holds. */
class Slot<Task, Result, Event> {
  readonly worker: Worker;
  readonly pending = new Map<number, Pending<Result, Event>>();
  failure: unknown = null;

  constructor(
    script: URL,
    workerData: unknown,
    private readonly name: string,
  ) {
    this.worker = startWorker(script, workerData);
    this.worker.on('message', (reply: TaskReply<Result, Event>) => this.receive(reply));
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', (code) => this.fail(new Error(`the ${name} worker stopped (code ${code})`)));
  }

  private receive(reply: TaskReply<Result, Event>): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    if ('event' in reply) {
      try {
        waiting.onEvent?.(reply.event);
      } catch (err) {
        // The caller refused an event: the run ends with that error, and the thread with it.
        this.pending.delete(reply.id);
        waiting.reject(err);
        this.terminate(err);
      }
      return;
    }
    this.pending.delete(reply.id);
    if ('result' in reply) waiting.resolve(reply.result);
    else waiting.reject(new WorkerTaskError(reply.error.message, reply.error.stack));
  }

  fail(reason: unknown): void {
    this.failure ??= reason;
    for (const waiting of this.pending.values()) waiting.reject(this.failure);
    this.pending.clear();
  }

  terminate(reason: unknown): void {
    this.fail(reason);
    void this.worker.terminate();
  }

  run(id: number, task: Task, options: RunOptions<Event>): Promise<Result> {
    if (this.failure) return Promise.reject(this.failure);
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    return new Promise<Result>((resolve, reject) => {
      // A synchronous task cannot be interrupted: terminating its thread is the only way.
      const onAbort = (): void => this.terminate(abortReason(signal!));
      signal?.addEventListener('abort', onAbort, { once: true });
      const settle =
        <T>(then: (value: T) => void) =>
        (value: T): void => {
          signal?.removeEventListener('abort', onAbort);
          then(value);
        };
      this.pending.set(id, { resolve: settle(resolve), reject: settle(reject), onEvent: options.onEvent });
      const request: TaskRequest<Task> = { id, task };
      this.worker.postMessage(request, options.transfer ?? []);
    });
  }
}

class ThreadPool<Task, Result, Event> implements WorkerPool<Task, Result, Event> {
  readonly threads: number;
  private readonly slots: Slot<Task, Result, Event>[];
  private readonly inFlight = new Set<Promise<unknown>>();
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly options: WorkerPoolOptions<Task, Result, Event>,
    private readonly script: URL,
  ) {
    this.threads = options.threads;
    this.slots = Array.from({ length: options.threads }, () => this.newSlot());
  }

  private newSlot(): Slot<Task, Result, Event> {
    return new Slot(this.script, this.options.workerData, this.options.name);
  }

  /** Slot i, replaced first when its thread died or was terminated. */
  private slot(i: number): Slot<Task, Result, Event> {
    if (this.slots[i].failure && !this.closed) {
      void this.slots[i].worker.terminate();
      this.slots[i] = this.newSlot();
    }
    return this.slots[i];
  }

  private leastBusy(): Slot<Task, Result, Event> {
    let best = this.slot(0);
    for (let i = 1; i < this.slots.length; i++) {
      const candidate = this.slot(i);
      if (candidate.pending.size < best.pending.size) best = candidate;
    }
    return best;
  }

  private runOn(slot: Slot<Task, Result, Event>, task: Task, options: RunOptions<Event> = {}): Promise<Result> {
    if (this.closed) return Promise.reject(new Error(`the ${this.options.name} pool is closed`));
    const run = slot.run(this.nextId++, task, options);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.inFlight.add(settled);
    void settled.then(() => this.inFlight.delete(settled));
    return run;
  }

  run(task: Task, options?: RunOptions<Event>): Promise<Result> {
    return this.runOn(this.leastBusy(), task, options);
  }

  lane(): WorkerLane<Task, Result, Event> {
    const slot = this.leastBusy();
    return {
      run: (task, options) => this.runOn(slot, task, options),
      get failed() {
        return slot.failure !== null;
      },
    };
  }

  broadcast(task: Task): Promise<Result[]> {
    return Promise.all(this.slots.map((_, i) => this.runOn(this.slot(i), task)));
  }

  runOnEach(tasks: Task[], options?: RunOptions<Event>): Promise<Result[]> {
    if (tasks.length > this.slots.length)
      throw new RangeError(`${tasks.length} tasks for ${this.slots.length} threads`);
    return Promise.all(tasks.map((task, i) => this.runOn(this.slot(i), task, options)));
  }

  async close(options: { drain?: boolean } = {}): Promise<void> {
    // Draining matters where a task writes files: terminated mid-write, it strands them.
    if (options.drain) await Promise.all(this.inFlight);
    this.closed = true;
    for (const slot of this.slots) {
      slot.worker.removeAllListeners('exit');
      slot.fail(new Error(`the ${this.options.name} pool is closed`));
    }
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }
}
