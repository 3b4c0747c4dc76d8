// Labelling stays responsive while jobs write: in browser mode, labels are sent over HTTP at
// 100 a second while an ingest (re-reading every file) and then an embedding run as jobs in
// the same server process. Every label call must succeed (no "database is locked"), every one
// must be in the label history, and the figures a user feels are printed: label round-trip
// p50 / p95 / worst and the event loop's longest stall. No wall-clock threshold is asserted:
// the machines are shared.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, startServerFixture, type ServerFixture } from './server-fixture.js';

const OBJECTS = 300;
const LABELS_PER_SECOND = 100;
const MIN_LABELS = 300;

let f: ServerFixture;
beforeAll(async () => {
  f = await startServerFixture(OBJECTS);
}, 120_000);
afterAll(async () => {
  await f?.close();
});

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

describe('labelling while jobs write, in browser mode', () => {
  it('answers every label at 100/s beside ingest and embed jobs, and loses none', async () => {
    const names = f.service.workspace.db.prepare('SELECT name FROM objects ORDER BY id').pluck().all() as string[];
    f.service.workspace.db.prepare('UPDATE source_files SET mtime_ms = 0').run(); // every file is read again
    const start = async (method: string, args: unknown[]) =>
      ((await (await callApi(f, method, args)).json()) as { result: { jobId: string } }).result.jobId;
    const jobs = [
      await start('ingest', [{ paths: [join(f.dir, 'ws', 'demo-data')] }]),
      await start('embed', [{ method: 'pca' }]),
    ];
    const jobsRunning = () =>
      jobs.some((id) => ['queued', 'running'].includes(f.service.jobRunner.get(id)?.state ?? ''));

    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const latencies: number[] = [];
    const failures: string[] = [];
    const sent: Promise<void>[] = [];
    let labelsWhileJobsRan = 0;
    for (let i = 0; jobsRunning() || i < MIN_LABELS; i++) {
      if (jobsRunning()) labelsWhileJobsRan++;
      const name = names[i % names.length];
      const began = performance.now();
      sent.push(
        callApi(f, 'label', [{ name, label: 'latency-probe', relevance: i % 6 }]).then(async (response) => {
          latencies.push(performance.now() - began);
          if (response.status !== 200) failures.push(`${response.status}: ${await response.text()}`);
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, 1000 / LABELS_PER_SECOND));
    }
    await Promise.all(sent);
    loop.disable();
    await f.service.jobRunner.idle();

    expect(failures).toEqual([]);
    for (const id of jobs)
      expect(f.service.jobRunner.get(id)?.state, f.service.jobRunner.get(id)?.error ?? '').toBe('done');
    expect(labelsWhileJobsRan).toBeGreaterThan(0);
    const events = f.service.workspace.db
      .prepare("SELECT count(*) FROM label_events WHERE label = 'latency-probe'")
      .pluck()
      .get();
    expect(events).toBe(latencies.length);

    latencies.sort((a, b) => a - b);
    const ms = (v: number) => `${v.toFixed(1)} ms`;
    console.log(
      `label latency beside ingest + embed jobs: ${latencies.length} labels (${labelsWhileJobsRan} while jobs ran), ` +
        `p50 ${ms(percentile(latencies, 0.5))}, p95 ${ms(percentile(latencies, 0.95))}, worst ` +
        `${ms(latencies[latencies.length - 1])}; ` +
        `event loop longest stall ${ms(loop.max / 1e6)}`,
    );
  }, 180_000);
});
