// Long API calls (demo, ingest, embed, rank, map, export) as jobs: each gets an id at
// once, runs after the ones queued before it (one at a time per workspace: they share
// its database and files), reports progress with rate and ETA, can be cancelled, and ends
// with a result or an error. Listeners get every change (onDidChangeJob).
//
// Where the work runs: embedding, UMAP, demo rendering and rank's scorers (isolation
// forest, LOF / kNN scores and their kNN graph) use worker threads, so in browser mode the
// server keeps answering requests while they run.
import { randomBytes } from 'node:crypto';
import type { CallOptions, Progress } from '../api/contract.js';
import type { JobEvent, JobInfo, JobOutcome } from '../api/view-types.js';
import { errorCodeOf } from '../api/errors.js';

export type JobWork = (options: Required<CallOptions>) => Promise<unknown>;
/** Puts a finished job's result in words (job-outcome.ts); null when it needs none. */
export type OutcomeOf = (result: unknown) => JobOutcome | null;

/** How many finished jobs `list()` keeps. */
const KEEP_FINISHED = 50;
/** Progress events per job are thinned to at most one per this many ms (the last always goes). */
const PROGRESS_INTERVAL_MS = 100;

interface Entry {
  info: JobInfo;
  work: JobWork;
  outcomeOf: OutcomeOf;
  controller: AbortController;
  stageStart: number;
  lastEmit: number;
}

export class JobRunner {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<(event: JobEvent) => void>();
  private tail: Promise<void> = Promise.resolve();

  onDidChangeJob(listener: (event: JobEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Queues `work` and returns its job id at once; `outcomeOf` words its result when it is done. */
  start(method: string, work: JobWork, outcomeOf: OutcomeOf = () => null): string {
    const id = `job-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
    const info: JobInfo = {
      id,
      method,
      state: 'queued',
      stage: 'queued',
      detail: null,
      done: 0,
      total: 0,
      rate: null,
      etaSeconds: null,
      queuedAt: new Date().toISOString(),
      startedAt: null,
      finishedAt: null,
      result: null,
      outcome: null,
      error: null,
      errorCode: null,
    };
    const entry: Entry = { info, work, outcomeOf, controller: new AbortController(), stageStart: 0, lastEmit: 0 };
    this.entries.set(id, entry);
    this.prune();
    this.emit('queued', entry);
    this.tail = this.tail.then(() => this.run(entry));
    return id;
  }

  /** Cancels a queued or running job; false when it is unknown or already over. */
  cancel(id: string): boolean {
    const entry = this.entries.get(id);
    if (!entry || (entry.info.state !== 'queued' && entry.info.state !== 'running')) return false;
    entry.controller.abort(new Error('cancelled by the user'));
    if (entry.info.state === 'queued') this.finish(entry, 'cancelled', null, 'cancelled before it started');
    return true;
  }

  get(id: string): JobInfo | undefined {
    const entry = this.entries.get(id);
    return entry && { ...entry.info };
  }

  /** Every job still known, oldest first. */
  list(): JobInfo[] {
    return [...this.entries.values()].map((e) => ({ ...e.info }));
  }

  /** Resolves when every job queued so far has ended. */
  idle(): Promise<void> {
    return this.tail;
  }

  /** Cancels everything and waits for the running job to stop. */
  async dispose(): Promise<void> {
    for (const id of this.entries.keys()) this.cancel(id);
    await this.tail;
    this.listeners.clear();
  }

  private async run(entry: Entry): Promise<void> {
    if (entry.info.state !== 'queued') return;
    entry.info.state = 'running';
    entry.info.startedAt = new Date().toISOString();
    entry.info.stage = 'starting';
    entry.stageStart = Date.now();
    this.emit('progress', entry);
    try {
      const result = await entry.work({ signal: entry.controller.signal, onProgress: (p) => this.progress(entry, p) });
      if (entry.controller.signal.aborted) this.finish(entry, 'cancelled', null, 'cancelled');
      else this.finish(entry, 'done', result, null);
    } catch (err) {
      const cancelled = entry.controller.signal.aborted;
      if (!cancelled) entry.info.errorCode = errorCodeOf(err);
      this.finish(entry, cancelled ? 'cancelled' : 'failed', null, cancelled ? 'cancelled' : (err as Error).message);
    }
  }

  private progress(entry: Entry, p: Progress): void {
    const now = Date.now();
    const info = entry.info;
    if (p.stage !== info.stage) entry.stageStart = now;
    info.stage = p.stage;
    info.detail = p.detail ?? null;
    info.done = p.done;
    info.total = p.total;
    const seconds = (now - entry.stageStart) / 1000;
    info.rate = seconds > 0.2 && p.done > 0 ? p.done / seconds : null;
    info.etaSeconds = info.rate ? Math.max(0, (p.total - p.done) / info.rate) : null;
    if (now - entry.lastEmit >= PROGRESS_INTERVAL_MS || p.done >= p.total) this.emit('progress', entry);
  }

  private finish(entry: Entry, state: 'done' | 'failed' | 'cancelled', result: unknown, error: string | null): void {
    entry.info.state = state;
    entry.info.result = result;
    if (state === 'done') entry.info.outcome = this.outcome(entry, result);
    entry.info.error = error;
    entry.info.finishedAt = new Date().toISOString();
    entry.info.etaSeconds = null;
    this.emit('finished', entry);
  }

  /** A result that cannot be put in words still finishes its job. */
  private outcome(entry: Entry, result: unknown): JobOutcome | null {
    try {
      return entry.outcomeOf(result);
    } catch {
      return null;
    }
  }

  private emit(type: JobEvent['type'], entry: Entry): void {
    entry.lastEmit = Date.now();
    const event: JobEvent = { type, job: { ...entry.info } };
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A failing listener (a closed socket) must not stop the job or the others.
      }
    }
  }

  private prune(): void {
    const finished = [...this.entries.values()].filter((e) => e.info.finishedAt);
    for (const e of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.entries.delete(e.info.id);
  }
}
