// Serendip at survey scale without pixels: a workspace of 1M objects (SERENDIP_BENCH_SCALE_N)
// with a 32-D embedding, an isolation-forest score run and a map, all synthetic and written
// the way the pipeline writes them. Timed through the service a user's app calls: opening
// the workspace and `status`, `mapData` for the renderer and its binary frame, `top`,
// labelling single objects and a 10k-object box selection, the label-column update the
// map then fetches, and `rank --method iforest` itself. Peak memory (RSS) is printed against
// the 4 GB ceiling. The labelling queue, `similar` and the vector index at the same scale
// are in scale-queue.bench; the index's own build and query figures are in ann.bench.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SerendipService } from '../../electron/core/api/serendip-service.js';
import { encodeBinaryFrame } from '../../electron/core/api/binary-frame.js';
import { benchScratchDir, printFigure, printHeading, timeIt } from './bench-util.js';
import { populateScaleWorkspace, scaleObjectName } from './scale-workspace.js';

const N = Number(process.env.SERENDIP_BENCH_SCALE_N ?? 1_000_000);
const DIM = 32;
const MEMORY_CEILING_GB = 4;
let peakRss = 0;
const sampleRss = (): void => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};

export async function run(): Promise<void> {
  printHeading(`scale: ${N.toLocaleString('en')} objects, ${DIM}-D embedding, no pixels`);
  const { dir, dispose } = benchScratchDir('scale');
  try {
    const made = await timeIt(() => populateScaleWorkspace(join(dir, 'ws'), N, DIM, sampleRss));
    printFigure('write objects, embedding and map (setup)', made.seconds, 's');
    const opened = await timeIt(() => SerendipService.open(join(dir, 'ws')));
    const service = opened.value;
    try {
      printFigure('open the workspace', opened.seconds * 1000, 'ms');
      const status = await timeIt(() => service.status());
      printFigure(`status (${status.value.objects.toLocaleString('en')} objects)`, status.seconds * 1000, 'ms');
      const ranked = await timeIt(() => service.rank({ method: 'iforest' }));
      printFigure('rank --method iforest', ranked.seconds, 's');
      sampleRss();
      const map = await timeIt(() => service.mapData());
      printFigure('mapData (ids, x, y, score, label codes)', map.seconds * 1000, 'ms');
      const frame = await timeIt(() => encodeBinaryFrame(map.value));
      printFigure(
        '  as one binary frame for the renderer',
        `${(frame.value.byteLength / 2 ** 20).toFixed(1)} MB in ${(frame.seconds * 1000).toFixed(0)} ms`,
      );
      sampleRss();
      const top = await timeIt(() => service.top(20));
      printFigure('top 20', top.seconds * 1000, 'ms');
      const since = map.value.labelEvent;
      const singles: number[] = [];
      for (let i = 0; i < 50; i++) {
        const name = scaleObjectName((i * 7919) % N);
        singles.push((await timeIt(() => service.label({ name, label: 'interesting', relevance: 5 }))).seconds * 1000);
      }
      singles.sort((a, b) => a - b);
      printFigure('label one object, median / worst of 50', `${singles[25].toFixed(2)} / ${singles[49].toFixed(2)} ms`);
      const names = Array.from({ length: 10_000 }, (_, i) => scaleObjectName((i * 97) % N));
      const many = await timeIt(() => service.labelMany({ names, label: 'artefact' }));
      printFigure('label a 10,000-object selection (one transaction)', many.seconds * 1000, 'ms');
      const changes = await timeIt(() => service.mapLabelChanges(since));
      printFigure('label-column update the map fetches after them', changes.seconds * 1000, 'ms');
      sampleRss();
    } finally {
      service.close();
    }
    printFigure(`peak RSS (ceiling ${MEMORY_CEILING_GB} GB)`, `${(peakRss / 2 ** 30).toFixed(2)} GB`);
  } finally {
    dispose();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await run();
