import { afterEach, describe, expect, it } from 'vitest';
import { openWorkerPool, workerScript, type WorkerPool } from '../../../electron/core/util/worker-pool.js';
import { createSampleService, type SampleResult, type SampleTask } from './fixtures/sample-service.js';

const script = workerScript(new URL('./fixtures/sample-service.ts', import.meta.url).href, 'sample-worker');
let pool: WorkerPool<SampleTask, SampleResult, number> | null = null;

function open(threads: number): WorkerPool<SampleTask, SampleResult, number> {
  pool = openWorkerPool({ name: 'sample', script, threads, inProcess: createSampleService });
  return pool;
}

afterEach(async () => {
  await pool?.close();
  pool = null;
});

describe('workerScript', () => {
  it('finds the TypeScript entry beside a source module, and nothing for a missing one', () => {
    expect(script?.pathname).toMatch(/fixtures\/sample-worker\.ts$/);
    expect(workerScript(import.meta.url, 'no-such-worker')).toBeNull();
    expect(workerScript('file:///opt/app/dist/x/module.js', 'no-such-worker')).toBeNull();
  });
});

describe.each([
  ['worker threads', 2],
  ['in process', 0],
])('worker pool, %s', (_mode, threads) => {
  it('runs tasks and says how many threads it uses', async () => {
    const tasks = open(threads);
    expect(tasks.threads).toBe(threads);
    const results = await Promise.all([1, 2, 3, 4].map((a) => tasks.run({ type: 'add', a, b: 10 })));
    expect(results.map((r) => r.value)).toEqual([11, 12, 13, 14]);
    if (threads > 0) expect(new Set(results.map((r) => r.thread)).size).toBe(2);
  });

  it('delivers events in order before the result', async () => {
    const seen: number[] = [];
    const result = await open(threads).run({ type: 'events', n: 5 }, { onEvent: (i) => seen.push(i) });
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(result.value).toBe(5);
  });

  it('rejects a failing task with its message and goes on', async () => {
    const tasks = open(threads);
    await expect(tasks.run({ type: 'throw', message: 'no good pixels' })).rejects.toThrow('no good pixels');
    await expect(tasks.run({ type: 'add', a: 1, b: 1 })).resolves.toMatchObject({ value: 2 });
  });

  it('keeps a lane on one thread, whose state lasts between tasks', async () => {
    const tasks = open(threads);
    const lane = tasks.lane();
    const counts = [];
    for (let i = 0; i < 3; i++) counts.push((await lane.run({ type: 'count' })).value);
    expect(counts).toEqual([1, 2, 3]);
    expect(lane.failed).toBe(false);
  });

  it('fails a run whose caller refuses an event, and the next run still works', async () => {
    const tasks = open(threads);
    const refuse = (): void => {
      throw new Error('refused');
    };
    await expect(tasks.run({ type: 'events', n: 3 }, { onEvent: refuse })).rejects.toThrow('refused');
    await expect(tasks.run({ type: 'add', a: 2, b: 2 })).resolves.toMatchObject({ value: 4 });
  });

  it('rejects at once when the signal was aborted before the run', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stopped by the user'));
    await expect(open(threads).run({ type: 'add', a: 1, b: 1 }, { signal: controller.signal })).rejects.toThrow(
      'stopped by the user',
    );
  });
});

describe('worker pool, threads only', () => {
  it('cancels a synchronous task by terminating its thread, then replaces the thread', async () => {
    const tasks = open(1);
    const controller = new AbortController();
    // The task would spin for ten minutes: only terminating its thread ends the run within the test's time.
    const spinning = tasks.run({ type: 'spin', ms: 600_000 }, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('cancelled by the user')), 100);
    await expect(spinning).rejects.toThrow('cancelled by the user');
    await expect(tasks.run({ type: 'add', a: 3, b: 4 })).resolves.toMatchObject({ value: 7 });
  });

  it('rejects the runs of a thread that died, and replaces it', async () => {
    const tasks = open(1);
    await expect(tasks.run({ type: 'exit', code: 3 })).rejects.toThrow('the sample worker stopped (code 3)');
    await expect(tasks.run({ type: 'add', a: 1, b: 2 })).resolves.toMatchObject({ value: 3 });
  });

  it('moves transferred buffers both ways', async () => {
    const tasks = open(1);
    const data = new Float64Array([1, 2, 3.5]);
    const sum = await tasks.run({ type: 'sum-buffer', data }, { transfer: [data.buffer] });
    expect(sum.value).toBe(6.5);
    expect(data.byteLength).toBe(0);
    const filled = await tasks.run({ type: 'fill', length: 4 });
    expect(Array.from(filled.buffer!)).toEqual([1, 1, 1, 1]);
  });

  it('broadcasts to every thread and runs one task on each', async () => {
    const tasks = open(3);
    const counted = await tasks.broadcast({ type: 'count' });
    expect(counted.map((r) => r.value)).toEqual([1, 1, 1]);
    expect(new Set(counted.map((r) => r.thread)).size).toBe(3);
    const each = await tasks.runOnEach([1, 2, 3].map((a) => ({ type: 'add' as const, a, b: 0 })));
    expect(each.map((r) => r.thread)).toEqual(counted.map((r) => r.thread));
  });

  it('lets the tasks already sent finish when closed with drain', async () => {
    const tasks = open(1);
    const spinning = tasks.run({ type: 'spin', ms: 300 });
    await tasks.close({ drain: true });
    await expect(spinning).resolves.toMatchObject({ value: 300 });
    await expect(tasks.run({ type: 'add', a: 1, b: 1 })).rejects.toThrow('closed');
  });
});

describe('worker pool, in process only', () => {
  it('lets a cooperative task see that it was cancelled', async () => {
    const tasks = open(0);
    const controller = new AbortController();
    const waiting = tasks.run({ type: 'wait-cancel', ms: 20_000 }, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('cancelled by the user')), 50);
    await expect(waiting).resolves.toMatchObject({ value: -1 });
  });
});
