import { describe, expect, it } from 'vitest';
import { JobRunner } from '../../../electron/core/jobs/job-runner.js';
import type { JobEvent } from '../../../electron/core/api/view-types.js';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('JobRunner', () => {
  it('runs jobs one at a time, in order, and reports results and errors', async () => {
    const runner = new JobRunner();
    const order: string[] = [];
    const gate = deferred();
    const a = runner.start('a', async () => {
      order.push('a start');
      await gate.promise;
      order.push('a end');
      return 1;
    });
    const b = runner.start('b', async () => {
      order.push('b start');
      throw new Error('broken');
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(runner.get(b)!.state).toBe('queued');
    gate.resolve();
    await runner.idle();
    expect(order).toEqual(['a start', 'a end', 'b start']);
    expect(runner.get(a)).toMatchObject({ state: 'done', result: 1, error: null });
    expect(runner.get(b)).toMatchObject({ state: 'failed', error: 'broken' });
  });

  it("words a done job's result with its outcome, and a failed or throwing one with none", async () => {
    const runner = new JobRunner();
    const outcomeOf = (r: unknown) => ({ summary: `${r as number} added`, problems: 0 });
    const done = runner.start('ingest', async () => 4, outcomeOf);
    const failed = runner.start('ingest', async () => Promise.reject(new Error('no folder')), outcomeOf);
    const unworded = runner.start(
      'ingest',
      async () => 4,
      () => {
        throw new Error('not counts');
      },
    );
    await runner.idle();
    expect(runner.get(done)).toMatchObject({ state: 'done', outcome: { summary: '4 added', problems: 0 } });
    expect(runner.get(failed)).toMatchObject({ state: 'failed', outcome: null });
    expect(runner.get(unworded)).toMatchObject({ state: 'done', result: 4, outcome: null });
  });

  it('reports progress with rate and ETA, and the final event', async () => {
    const runner = new JobRunner();
    const events: JobEvent[] = [];
    runner.onDidChangeJob((e) => events.push(e));
    runner.start('work', async ({ onProgress }) => {
      onProgress({ stage: 'step', done: 5, total: 10, detail: 'loss 0.5' });
      await new Promise((r) => setTimeout(r, 300));
      onProgress({ stage: 'step', done: 10, total: 10, detail: 'loss 0.25' });
    });
    await runner.idle();
    expect(events[0].type).toBe('queued');
    expect(events.at(-1)!.type).toBe('finished');
    const last = events.filter((e) => e.type === 'progress').at(-1)!;
    // A new detail is not a new stage: the rate is measured over both steps.
    expect(last.job).toMatchObject({ stage: 'step', detail: 'loss 0.25', done: 10, total: 10 });
    expect(last.job.rate).toBeGreaterThan(0);
  });

  it('cancels a running job through its signal', async () => {
    const runner = new JobRunner();
    const started = deferred();
    const id = runner.start('long', ({ signal }) => {
      started.resolve();
      return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    });
    await started.promise;
    expect(runner.cancel(id)).toBe(true);
    await runner.idle();
    expect(runner.get(id)!.state).toBe('cancelled');
    expect(runner.cancel(id)).toBe(false);
  });

  it('cancels a queued job before it starts', async () => {
    const runner = new JobRunner();
    const gate = deferred();
    runner.start('first', () => gate.promise);
    let ran = false;
    const second = runner.start('second', async () => {
      ran = true;
    });
    expect(runner.cancel(second)).toBe(true);
    gate.resolve();
    await runner.idle();
    expect(ran).toBe(false);
    expect(runner.get(second)).toMatchObject({ state: 'cancelled', startedAt: null });
  });
});
