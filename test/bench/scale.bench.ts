// Serendip at survey scale without pixels: a workspace of 1M objects (SERENDIP_BENCH_SCALE_N)
// with a 32-D embedding, an isolation-forest score run and a map, all synthetic and written
// the way the pipeline writes them. Timed through the service a user's app calls: opening
// the workspace and `status`, `mapData` for the renderer and its binary frame, `top`,
// labelling single objects and a 10k-object box selection, the label-column update the
// map then fetches, and `rank --method iforest` itself. Peak memory (RSS) is printed against
// the 4 GB ceiling. The kNN-graph steps (LOF, the queue, `similar`) need the vector index;
// its 1M build and query figures are in ann.bench.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SerendipService } from '../../electron/core/api/serendip-service.js';
import { encodeBinaryFrame } from '../../electron/core/api/binary-frame.js';
import { saveRunArray } from '../../electron/core/discovery/run-arrays.js';
import { inTransaction } from '../../electron/core/workspace/database.js';
import { insertObject } from '../../electron/core/workspace/repositories/objects-repo.js';
import { upsertSourceFile } from '../../electron/core/workspace/repositories/source-files-repo.js';
import { finishRun, startRun } from '../../electron/core/workspace/repositories/runs-repo.js';
import { Workspace } from '../../electron/core/workspace/workspace.js';
import { benchScratchDir, printFigure, printHeading, timeIt } from './bench-util.js';
import { clusteredVectors } from './clustered-data.js';

const N = Number(process.env.SERENDIP_BENCH_SCALE_N ?? 1_000_000);
const DIM = 32;
const MEMORY_CEILING_GB = 4;
let peakRss = 0;
const sampleRss = (): void => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};

function populate(dir: string): void {
  const workspace = Workspace.open(dir, { create: true });
  const at = new Date().toISOString();
  const fileId = upsertSourceFile(workspace.db, { path: 'survey.h5', size: N, mtime_ms: 0, format: 'fits', ingested_at: at });
  const ids = new Float64Array(N);
  const base = { modality: 'image' as const, file_id: fileId, hdu: 0, width: 64, height: 64, bands: 3, input_store: null, input_row: null };
  const chunk = 50_000;
  for (let start = 0; start < N; start += chunk) {
    inTransaction(workspace.db, () => {
      for (let i = start; i < Math.min(N, start + chunk); i++) {
        ids[i] = insertObject(workspace.db, { ...base, name: `OBJ-${String(i).padStart(7, '0')}`, item_index: i, ra: (i * 0.000359) % 360, dec: ((i * 0.000173) % 180) - 90 }, at);
      }
    });
    sampleRss();
  }
  const { data } = clusteredVectors(N, DIM, { clusters: 64, seed: 11 }).vectors;
  const write = (kind: 'embedding' | 'score' | 'map', method: string, folder: string, values: Float32Array, columns: number, parent: string | null): string => {
    const runId = startRun(workspace.db, { kind, method, modality: 'image', parentRun: parent, params: { synthetic: true } });
    saveRunArray(folder, runId, { data: values, rows: N, columns, ids });
    finishRun(workspace.db, runId, 'done');
    return runId;
  };
  const embedding = write('embedding', 'synthetic', workspace.paths.embeddings, data, DIM, null);
  const coords = new Float32Array(2 * N);
  for (let i = 0; i < N; i++) {
    coords[2 * i] = data[i * DIM] * 10;
    coords[2 * i + 1] = data[i * DIM + 1] * 10;
  }
  write('map', 'umap', workspace.paths.maps, coords, 2, embedding);
  sampleRss();
  workspace.close();
}

export async function run(): Promise<void> {
  printHeading(`scale: ${N.toLocaleString('en')} objects, ${DIM}-D embedding, no pixels`);
  const { dir, dispose } = benchScratchDir('scale');
  try {
    const made = await timeIt(() => populate(join(dir, 'ws')));
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
      printFigure('  as one binary frame for the renderer', `${(frame.value.byteLength / 2 ** 20).toFixed(1)} MB in ${(frame.seconds * 1000).toFixed(0)} ms`);
      sampleRss();
      const top = await timeIt(() => service.top(20));
      printFigure('top 20', top.seconds * 1000, 'ms');
      const since = map.value.labelEvent;
      const singles: number[] = [];
      for (let i = 0; i < 50; i++) {
        const name = `OBJ-${String((i * 7919) % N).padStart(7, '0')}`;
        singles.push((await timeIt(() => service.label({ name, label: 'interesting', relevance: 5 }))).seconds * 1000);
      }
      singles.sort((a, b) => a - b);
      printFigure('label one object, median / worst of 50', `${singles[25].toFixed(2)} / ${singles[49].toFixed(2)} ms`);
      const names = Array.from({ length: 10_000 }, (_, i) => `OBJ-${String((i * 97) % N).padStart(7, '0')}`);
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
