// `explain` of one image object on the CPU, maps included, at 64 px (target ≤ 300 ms): the
// median over several objects of a demo collection of a few thousand cutouts (features
// embedding, ensemble rank), after one warm-up call that loads the embedding and its index as
// the app's first explain would. Also the share of that time spent on the maps of where (the
// patch rarity against the neighbours' patches, and the occlusion saliency, every masked copy
// embedded by the run's own embedder), and the patch rarity alone, timed on the same objects.
//   SERENDIP_BENCH_EXPLAIN_N=3000   objects in the demo collection
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { SerendipService } from '../../electron/core/api/serendip-service.js';
import { loadEmbedding } from '../../electron/core/discovery/pipeline/current-embedding.js';
import { objectFeatures, storeLayout } from '../../electron/core/discovery/explain/object-features.js';
import { whereMaps } from '../../electron/core/discovery/explain/where/where-maps.js';
import { patchRarity } from '../../electron/core/discovery/explain/where/patch-rarity.js';
import { findObjectByName } from '../../electron/core/workspace/repositories/objects-repo.js';
import { vectorRow } from '../../electron/core/discovery/vectors.js';
import { benchScratchDir, printFigure, printHeading, timeIt } from './bench-util.js';

const TARGET_MS = 300;
/** Objects explained: the ensemble's top ones (what a user asks about) and some further down. */
const TOP_OBJECTS = 10;
const FURTHER_OBJECTS = 10;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export async function run(): Promise<void> {
  const objects = Number(process.env.SERENDIP_BENCH_EXPLAIN_N ?? 3000);
  printHeading(`explain one object, 64 px, CPU, maps included (${objects} demo objects, features embedding)`);
  const { dir, dispose } = benchScratchDir('explain');
  const service = SerendipService.open(dir, { create: true });
  try {
    const prepared = await timeIt(async () => {
      await service.demo({ objects, seed: 1 });
      await service.embed({ method: 'features' });
      await service.rank({ modality: 'image' });
    });
    printFigure('demo + embed + rank', prepared.seconds, 's');
    const ranked = service.top(objects).map((hit) => hit.name);
    const step = Math.floor(ranked.length / (FURTHER_OBJECTS + 1));
    const names = [
      ...ranked.slice(0, TOP_OBJECTS),
      ...Array.from({ length: FURTHER_OBJECTS }, (_, i) => ranked[(i + 1) * step]),
    ];
    const warm = await timeIt(() => service.explain(ranked[ranked.length - 1]));
    printFigure('first explain (loads the embedding and index)', warm.seconds * 1000, 'ms');

    const whole: number[] = [];
    const maps: number[] = [];
    const rarity: number[] = [];
    const embedding = loadEmbedding(service.workspace);
    for (const name of names) {
      let start = performance.now();
      const e = await service.explain(name);
      whole.push(performance.now() - start);
      if (!e.maps.some((m) => m.kind === 'saliency')) throw new Error(`no saliency for ${name}: ${e.notes.join('; ')}`);

      const object = findObjectByName(service.workspace.db, name)!;
      const store = storeLayout(object.input_store!);
      const measured = objectFeatures(service.workspace, store, [object.id, ...e.neighbours.map((n) => n.id)]);
      const input = measured.inputs.get(object.id)!;
      const neighbourInputs = e.neighbours.map((n) => measured.inputs.get(n.id)!);
      const { size, bands } = measured;
      const vectors = new Float32Array(e.neighbours.length * embedding.vectors.dim);
      e.neighbours.forEach((n, i) =>
        vectors.set(vectorRow(embedding.vectors, embedding.rowOf(n.id)!), (i * vectors.length) / e.neighbours.length),
      );
      start = performance.now();
      await whereMaps(service.workspace, {
        run: embedding.run,
        input,
        store,
        size,
        bands,
        neighbours: { vectors, count: e.neighbours.length },
        neighbourInputs,
      });
      maps.push(performance.now() - start);
      start = performance.now();
      patchRarity(input, size, bands, neighbourInputs);
      rarity.push(performance.now() - start);
    }
    const ms = median(whole);
    printFigure(`explain, median of ${names.length} objects`, ms, 'ms');
    printFigure('  slowest', Math.max(...whole), 'ms');
    printFigure(`  ratio to the ${TARGET_MS} ms target (≤ 1 meets it)`, ms / TARGET_MS);
    printFigure('maps of where (rarity and saliency), median', median(maps), 'ms');
    printFigure('  share of explain', median(maps) / ms);
    printFigure('patch rarity alone, median', median(rarity), 'ms');
  } finally {
    service.close();
    dispose();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await run();
