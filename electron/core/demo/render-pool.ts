// Where demo cutouts get rendered: on a small pool of worker threads when the compiled worker
// script can be found, otherwise on the calling thread. Both give identical files, because
// every object renders from its own seed whichever thread draws it.
//
// The worker is compiled JavaScript. Run from dist/, it sits beside this file; run from the
// TypeScript sources (as the unit tests do), this file is .ts and the worker is taken from
// dist/ under the package root, which the test command builds first. If neither exists the
// pool quietly renders in-process.
import { compiledWorkerScript } from '../util/compiled-worker.js';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { produceCutout, type CutoutJob, type CutoutOutcome } from './produce-cutout.js';
import { CutoutRenderer } from './render-cutout.js';
import type { RenderReply, RenderRequest } from './render-worker.js';

export interface CutoutProducer {
  /** How many jobs may usefully be outstanding at once. */
  readonly capacity: number;
  /** Worker threads in use; 0 when rendering on the calling thread. */
  readonly threads: number;
  produce(job: CutoutJob): Promise<CutoutOutcome>;
  /** Waits for outstanding jobs, then releases the threads. */
  close(): Promise<void>;
}

/** Jobs queued per worker, so it starts the next while its last reply is in transit. */
const JOBS_PER_WORKER = 2;

export function findRenderWorkerScript(): URL | null {
  return compiledWorkerScript(import.meta.url, 'render-worker.js');
}

export function defaultThreadCount(): number {
  return Math.min(2, Math.max(1, availableParallelism()));
}

class InProcessProducer implements CutoutProducer {
  readonly capacity = 1;
  readonly threads = 0;
  private readonly renderer = new CutoutRenderer();

  async produce(job: CutoutJob): Promise<CutoutOutcome> {
    return produceCutout(this.renderer, job);
  }

  async close(): Promise<void> {}
}

interface Pending {
  resolve: (outcome: CutoutOutcome) => void;
  reject: (err: Error) => void;
}

class WorkerSlot {
  readonly pending = new Map<number, Pending>();
  private readonly unsettled = new Set<Promise<void>>();
  private failure: Error | null = null;

  constructor(readonly worker: Worker) {
    worker.on('message', (reply: RenderReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (reply.ok) waiting.resolve(reply.outcome);
      else waiting.reject(new Error(reply.message));
    });
    worker.on('error', (err) => this.fail(err));
    worker.on('exit', (code) => this.fail(new Error(`demo render worker exited with code ${code}`)));
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const waiting of this.pending.values()) waiting.reject(err);
    this.pending.clear();
  }

  send(request: RenderRequest): Promise<CutoutOutcome> {
    if (this.failure) return Promise.reject(this.failure);
    const reply = new Promise<CutoutOutcome>((resolve, reject) => {
      this.pending.set(request.id, { resolve, reject });
      this.worker.postMessage(request);
    });
    const settled = reply.then(() => undefined, () => undefined);
    this.unsettled.add(settled);
    void settled.then(() => this.unsettled.delete(settled));
    return reply;
  }

  /** Resolves once every job sent so far has been answered or has failed. */
  async drain(): Promise<void> {
    await Promise.all(this.unsettled);
  }
}

class WorkerPoolProducer implements CutoutProducer {
  readonly capacity: number;
  readonly threads: number;
  private readonly slots: WorkerSlot[];
  private nextId = 0;

  constructor(script: URL, threads: number) {
    this.threads = threads;
    this.capacity = threads * JOBS_PER_WORKER;
    this.slots = Array.from({ length: threads }, () => new WorkerSlot(new Worker(script)));
  }

  produce(job: CutoutJob): Promise<CutoutOutcome> {
    // The least busy worker takes it: cutouts differ several-fold in cost.
    let slot = this.slots[0];
    for (const candidate of this.slots) if (candidate.pending.size < slot.pending.size) slot = candidate;
    return slot.send({ id: this.nextId++, job });
  }

  async close(): Promise<void> {
    // Let workers finish what they hold: terminating mid-write would strand temporary files.
    await Promise.all(this.slots.map((slot) => slot.drain()));
    for (const slot of this.slots) slot.worker.removeAllListeners('exit');
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }
}

/**
 * A producer with `threads` workers (0 = render on this thread). Falls back to this thread
 * when the compiled worker script is missing.
 */
export function openCutoutProducer(threads: number): CutoutProducer {
  const script = threads > 0 ? findRenderWorkerScript() : null;
  return script ? new WorkerPoolProducer(script, threads) : new InProcessProducer();
}
