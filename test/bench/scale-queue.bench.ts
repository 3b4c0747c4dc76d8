// The labelling loop at survey scale: the workspace of scale.bench (1M objects by default,
// SERENDIP_BENCH_SCALE_N; 32-D embedding, isolation-forest scores, no pixels), driven
// through the service as the app drives it. For each queue mode: the first call (which
// opens the queue's session: embedding, forest leaves, prior ranks) and then, round after
// round, one label and the next page of the queue, the cached state every keypress meets.
// Then `similar` for one object and for a set, a 10k-object box selection followed by the
// queue (and the longest event-loop stall while its relevance passes finish), and the vector index with its kNN graph
// as the job that builds them (`rank --method lof`): its progress, how soon a cancel stops it and, with
// SERENDIP_BENCH_SCALE_INDEX=1, the whole build and `similar` on the built index. Peak RSS is printed against the 4 GB
// ceiling.
import { availableParallelism, loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SerendipService } from '../../electron/core/api/serendip-service.js';
import type { QueueRequest } from '../../electron/core/api/contract.js';
import { benchScratchDir, printFigure, printHeading, timeIt } from './bench-util.js';
import { populateScaleWorkspace, scaleObjectName } from './scale-workspace.js';

const N = Number(process.env.SERENDIP_BENCH_SCALE_N ?? 1_000_000);
const DIM = 32;
const MEMORY_CEILING_GB = 4;
const ROUNDS = 10;
const FULL_INDEX = process.env.SERENDIP_BENCH_SCALE_INDEX === '1';
let peakRss = 0;
const sampleRss = (): void => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};

const ms = (seconds: number): number => seconds * 1000;

function medianAndWorst(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return `${sorted[sorted.length >> 1].toFixed(1)} / ${sorted[sorted.length - 1].toFixed(1)} ms`;
}

/** The first call of a queue mode, then ROUNDS of (label the head of the queue, ask again). */
async function queueLoop(
  service: SerendipService,
  title: string,
  request: QueueRequest,
  labelFor: (round: number) => { label: string; relevance?: number },
): Promise<void> {
  const first = await timeIt(() => service.queue(request));
  printFigure(`${title}: first call`, ms(first.seconds), 'ms');
  sampleRss();
  const labels: number[] = [];
  const queues: number[] = [];
  let head = first.value[0].name;
  for (let round = 0; round < ROUNDS; round++) {
    labels.push(ms((await timeIt(() => service.label({ name: head, ...labelFor(round) }))).seconds));
    const next = await timeIt(() => service.queue(request));
    queues.push(ms(next.seconds));
    head = next.value[0].name;
  }
  printFigure(`${title}: label, median / worst of ${ROUNDS}`, medianAndWorst(labels));
  printFigure(`${title}: next page after it, median / worst`, medianAndWorst(queues));
  sampleRss();
}

async function similarFigures(service: SerendipService, title: string): Promise<void> {
  const one: number[] = [];
  const set: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    one.push(ms((await timeIt(() => service.similar([scaleObjectName((i * 104_729) % N)], 10))).seconds));
    const names = Array.from({ length: 5 }, (_, j) => scaleObjectName((i * 104_729 + j * 7) % N));
    set.push(ms((await timeIt(() => service.similar(names, 10))).seconds));
  }
  printFigure(`similar, one object (${title}), median / worst`, medianAndWorst(one));
  printFigure(`similar, 5 objects (${title}), median / worst`, medianAndWorst(set));
  sampleRss();
}

/** Starts the index + kNN-graph job; cancels it after `cancelAfterMs` (or lets it finish) and reports. */
async function indexJob(service: SerendipService, cancelAfterMs: number | null): Promise<void> {
  const started = performance.now();
  const { jobId } = service.startJob('rank', [{ method: 'lof' }]);
  let cancelledAt: number | null = null;
  let lastStage = '';
  let lastLine = 0;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    sampleRss();
    const job = service.jobs().find((j) => j.id === jobId)!;
    // A line per stage, and one a minute through a long stage, to show progress moving.
    if (job.state === 'running' && (job.stage !== lastStage || performance.now() - lastLine >= 60_000)) {
      lastStage = job.stage;
      lastLine = performance.now();
      printFigure(
        `  job stage at ${((performance.now() - started) / 1000).toFixed(1)} s`,
        `${job.stage} ${job.done}/${job.total}`,
      );
    }
    if (job.state === 'done' || job.state === 'failed' || job.state === 'cancelled') {
      const seconds = (performance.now() - started) / 1000;
      if (cancelledAt !== null) printFigure('  cancel to job ended', performance.now() - cancelledAt, 'ms');
      else printFigure(`index + kNN graph + LOF job (${job.state})`, seconds, 's');
      return;
    }
    if (cancelAfterMs !== null && cancelledAt === null && performance.now() - started >= cancelAfterMs) {
      printFigure('  progress when cancelled', `${job.stage} ${job.done}/${job.total}`);
      cancelledAt = performance.now();
      service.cancelJob(jobId);
    }
  }
}

/**
 * What this machine gives a pass over N × DIM floats right now: the unit most queue steps
 * cost (one label in the relevance model is one such pass). The bench machine is shared,
 * so figures are printed beside it and the load average.
 */
function referencePass(): string {
  const data = new Float32Array(N * DIM).map((_, i) => (i % 97) / 97);
  const column = new Float64Array(N);
  const times: number[] = [];
  for (let rep = 0; rep < 5; rep++) {
    const start = performance.now();
    for (let i = 0; i < N; i++) {
      let sum = 0;
      for (let d = 0; d < DIM; d++) {
        const diff = data[i * DIM + d] - data[d];
        sum += diff * diff;
      }
      column[i] = sum;
    }
    times.push(performance.now() - start);
  }
  return `${medianAndWorst(times)} (load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores)`;
}

export async function run(): Promise<void> {
  printHeading(`scale-queue: the labelling queue at ${N.toLocaleString('en')} objects, ${DIM}-D embedding, no pixels`);
  const { dir, dispose } = benchScratchDir('scale-queue');
  try {
    const made = await timeIt(() => populateScaleWorkspace(join(dir, 'ws'), N, DIM, sampleRss));
    printFigure('write objects, embedding and map (setup)', made.seconds, 's');
    printFigure(`reference: one pass over ${N.toLocaleString('en')} × ${DIM} floats, median / worst`, referencePass());
    // As the app opens it: long label-dependent work is spread over calls (see SerendipService.open).
    const service = SerendipService.open(join(dir, 'ws'), { interactive: true });
    try {
      const ranked = await timeIt(() => service.rank({ method: 'iforest' }));
      printFigure('rank --method iforest (setup)', ranked.seconds, 's');
      sampleRss();
      // A few judgements first, as after the user's first look at the top of the ranking.
      const top = service.top(8).map((h) => h.name);
      for (const [i, name] of top.entries())
        service.label({ name, label: i % 2 ? 'artefact' : 'lens', relevance: i % 2 ? null : 5 });

      await queueLoop(service, 'queue discover', { mode: 'discover', n: 20 }, (r) =>
        r % 3 === 2 ? { label: 'artefact' } : { label: 'interesting', relevance: r % 3 === 0 ? 5 : 1 },
      );
      await queueLoop(service, 'queue like-labels', { mode: 'like-labels', n: 20 }, (r) => ({
        label: 'interesting',
        relevance: r % 2 ? 1 : 4,
      }));
      await queueLoop(
        service,
        'queue like-labels --label lens',
        { mode: 'like-labels', n: 20, label: 'lens' },
        (r) => ({ label: r % 2 ? 'lens' : 'merger' }),
      );

      await similarFigures(service, 'no index yet: exact');

      const names = Array.from({ length: 10_000 }, (_, i) => scaleObjectName((i * 97 + 13) % N));
      const many = await timeIt(() => service.labelMany({ names, label: 'artefact' }));
      printFigure('label a 10,000-object selection', ms(many.seconds), 'ms');
      const stalls = monitorEventLoopDelay({ resolution: 5 });
      stalls.enable();
      const afterMany = await timeIt(() => service.queue({ mode: 'discover', n: 20 }));
      printFigure('  queue discover after it', ms(afterMany.seconds), 'ms');
      // The relevance model's remaining passes run between other work: what a label arriving then waits.
      stalls.reset();
      await new Promise((resolve) => setTimeout(resolve, 8000));
      stalls.disable();
      printFigure('  longest event-loop stall in the 8 s after it', stalls.max / 1e6, 'ms');
      const thenOne = await timeIt(() =>
        service.label({ name: afterMany.value[0].name, label: 'interesting', relevance: 5 }),
      );
      const afterOne = await timeIt(() => service.queue({ mode: 'discover', n: 20 }));
      printFigure(
        '  then label one and queue discover',
        `${ms(thenOne.seconds).toFixed(1)} + ${ms(afterOne.seconds).toFixed(1)} ms`,
      );
      const likeAfter = await timeIt(() => service.queue({ mode: 'like-labels', n: 20 }));
      printFigure('  queue like-labels after it', ms(likeAfter.seconds), 'ms');
      sampleRss();

      await indexJob(service, FULL_INDEX ? null : 20_000);
      if (FULL_INDEX) await similarFigures(service, 'graph index');
    } finally {
      service.close();
    }
    // The kernel's high-water mark catches peaks between samples (and the scoring worker's share).
    const peak = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
    printFigure(`peak RSS (ceiling ${MEMORY_CEILING_GB} GB)`, `${(peak / 2 ** 30).toFixed(2)} GB`);
    printFigure(
      'load average at the end (1 / 5 min)',
      loadavg()
        .slice(0, 2)
        .map((l) => l.toFixed(1))
        .join(' / '),
    );
  } finally {
    dispose();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await run();
