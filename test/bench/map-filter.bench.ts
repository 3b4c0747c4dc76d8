// The histogram brush on a million-point map: each brush move re-filters the map (the mask of
// every other filter is kept, so one pass over the brushed column) and gathers the shown points'
// positions and colours for deck.gl. Target: at most 100 ms a move. The reference, run in this
// process on the same data, is the naive way: per-point objects, Array.filter with the whole
// predicate, then map to positions. Both must show the same points.
//   SERENDIP_BENCH_FILTER_N=1000000   points
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { IncrementalMask, ShownPointsGatherer } from '../../electron/core/api/map-filter-points.js';
import { filterMask, withRange, NO_FILTER, type FilterInputs } from '../../electron/core/api/map-filter.js';
import { SeededRandom } from '../../electron/core/discovery/seeded-random.js';
import { printFigure, printHeading } from './bench-util.js';

const TARGET_MS = 100;
/** Brush positions timed (a drag across the score histogram). */
const MOVES = 20;

interface PointObject {
  x: number;
  y: number;
  score: number;
  z: number;
  label: number;
  colour: [number, number, number, number];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

export async function run(): Promise<void> {
  const n = Number(process.env.SERENDIP_BENCH_FILTER_N ?? 1_000_000);
  printHeading(`map filter: a histogram brush over ${n.toLocaleString()} points`);
  const random = new SeededRandom(7);
  const x = Float32Array.from({ length: n }, () => random.nextFloat() * 20);
  const y = Float32Array.from({ length: n }, () => random.nextFloat() * 20);
  const score = Float32Array.from({ length: n }, () => random.nextFloat());
  const z = Float32Array.from({ length: n }, () => random.nextFloat() * 3);
  const labelCode = Uint8Array.from({ length: n }, () => (random.nextFloat() < 0.01 ? 1 : 0));
  const colours = Uint8Array.from({ length: n * 4 }, (_, i) => i & 255);
  const inputs: FilterInputs = {
    count: n,
    columns: new Map([
      ['score', score],
      ['meta:z', z],
    ]),
    labelCode,
    labelNames: ['lens'],
    nameRows: null,
  };
  // An unlabelled-only filter with a redshift range, then the score brushed across.
  const base = {
    ...withRange(NO_FILTER, 'meta:z', { min: 0.5, max: 2.5 }),
    labels: { show: 'unlabelled' as const, names: [] },
  };
  const moves = Array.from({ length: MOVES }, (_, k) => ({ min: 0.2 + k * 0.01, max: 0.6 + k * 0.015 }));

  const start = performance.now();
  filterMask(withRange(base, 'score', moves[0]), inputs);
  const fullMs = performance.now() - start;

  const masker = new IncrementalMask();
  const gatherer = new ShownPointsGatherer();
  masker.compute(withRange(base, 'score', moves[0]), inputs); // the base mask, computed once per brush
  const fastMs: number[] = [];
  const shownCounts: number[] = [];
  // The first move runs before the JIT has compiled the loops: reported apart.
  const t0 = performance.now();
  gatherer.gather(masker.compute(withRange(base, 'score', moves[1]), inputs), { x, y }, colours);
  const coldMs = performance.now() - t0;
  for (const range of moves) {
    const t = performance.now();
    const mask = masker.compute(withRange(base, 'score', range), inputs);
    const shown = gatherer.gather(mask, { x, y }, colours);
    fastMs.push(performance.now() - t);
    shownCounts.push(shown.count);
  }

  const objects: PointObject[] = Array.from({ length: n }, (_, i) => ({
    x: x[i],
    y: y[i],
    score: score[i],
    z: z[i],
    label: labelCode[i],
    colour: [colours[4 * i], colours[4 * i + 1], colours[4 * i + 2], colours[4 * i + 3]],
  }));
  const naiveMs: number[] = [];
  for (const [k, range] of moves.slice(0, 5).entries()) {
    const t = performance.now();
    const kept = objects.filter(
      (p) => p.label === 0 && p.z >= 0.5 && p.z <= 2.5 && p.score >= range.min && p.score <= range.max,
    );
    const positions = kept.map((p) => [p.x, p.y]);
    naiveMs.push(performance.now() - t);
    if (positions.length !== shownCounts[k])
      throw new Error(`the naive filter shows ${positions.length}, not ${shownCounts[k]}`);
  }

  printFigure('whole mask (labels, range, range)', fullMs, 'ms');
  printFigure(`brush move: re-filter + gather (median of ${MOVES})`, median(fastMs), 'ms');
  printFigure('brush move: slowest', Math.max(...fastMs), 'ms');
  printFigure('first brush move (cold)', coldMs, 'ms');
  printFigure('points shown (first move)', shownCounts[0]);
  printFigure('naive Array.filter over objects (median of 5)', median(naiveMs), 'ms');
  printFigure('speed-up over naive', median(naiveMs) / median(fastMs), '×');
  printFigure(`target ≤ ${TARGET_MS} ms a move`, median(fastMs) <= TARGET_MS ? 'met' : 'MISSED');
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await run();
