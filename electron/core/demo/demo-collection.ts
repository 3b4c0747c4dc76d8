// Generates the demo collection: plans the objects (the truth table), renders each cutout on
// worker threads, writes it as FITS or PNG under the data folder, and finally writes the
// truth CSV. Workers write FITS files themselves and send PNG pixels back, which the main
// thread encodes with sharp on libuv's pool while the workers render the next cutouts.
// Each anomaly with a place gets a mask PNG in truth-regions/ beside the truth CSV: outside
// the data folder, so ingesting the data folder never takes a mask for an object.
// Optionally it then writes SDSS-like spectra under <data>/spectra/ with their own truth CSV.
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { generateDemoSpectra } from './spectra/demo-spectra.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { anomalyCount, planDemoCollection } from './collection-plan.js';
import { writeMaskPng, writeRgbPng } from './png-cutout.js';
import { defaultThreadCount, openCutoutProducer } from './render-pool.js';
import {
  demoFilePath,
  formatTruthCsv,
  regionMaskPath,
  TRUTH_REGIONS_FOLDER,
  truthRowFor,
  type DemoTruthRow,
} from './truth-csv.js';

export type { DemoTruthRow };

export interface DemoOptions {
  /** Number of objects; default 2000. */
  objects?: number;
  /** Collection seed; default 1. The same seed gives byte-identical files. */
  seed?: number;
  /** Called after each file is written, with the count so far and the total. */
  onProgress?: (done: number, total: number) => void;
  /** Aborting stops between objects; files already written stay, the truth CSV is not written. */
  signal?: AbortSignal;
  /** Render threads; default min(2, cores). 0 renders on the calling thread. Output is the same. */
  threads?: number;
  /** Demo spectra to write under <data>/spectra/ after the cutouts; default 0 (none). */
  spectra?: number;
  /** Truth CSV of the spectra; default demo-spectra-truth.csv beside the cutouts' truth CSV. */
  spectraTruthPath?: string;
}

/** File name of the spectra's truth table when none is given: beside the cutouts' one. */
export const DEMO_SPECTRA_TRUTH_FILE = 'demo-spectra-truth.csv';

export interface DemoResultCounts {
  files: number;
  anomalies: number;
  /** Present only when spectra were asked for. */
  spectra?: { files: number; anomalies: number; truthPath: string };
}

/** PNG encodes allowed in flight beyond the render queue: keeps sharp busy, bounds memory. */
const PNG_IN_FLIGHT = 4;
/** Small collections are not worth the start-up of worker threads. */
const MIN_OBJECTS_FOR_WORKERS = 48;

export async function generateDemoCollection(
  dataDir: string,
  truthCsvPath: string,
  options: DemoOptions = {},
): Promise<DemoResultCounts> {
  const objects = options.objects ?? 2000;
  const seed = options.seed ?? 1;
  const spectra = options.spectra ?? 0;
  if (!Number.isInteger(spectra) || spectra < 0)
    throw new Error(`spectra must be a non-negative integer, got ${spectra}`);
  const { onProgress, signal } = options;
  const total = objects + spectra;
  signal?.throwIfAborted();
  const plans = planDemoCollection(objects, seed);
  await mkdir(join(dataDir, 'fits'), { recursive: true });
  await mkdir(join(dataDir, 'png'), { recursive: true });
  const truthDir = dirname(truthCsvPath);
  await mkdir(join(truthDir, TRUTH_REGIONS_FOLDER), { recursive: true });

  const threads = options.threads ?? (objects >= MIN_OBJECTS_FOR_WORKERS ? defaultThreadCount() : 0);
  const producer = openCutoutProducer(threads);
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  let done = 0;
  const rows: DemoTruthRow[] = new Array<DemoTruthRow>(plans.length);
  try {
    for (const plan of plans) {
      if (signal?.aborted || failure) break;
      const path = join(dataDir, demoFilePath(plan));
      const job = producer
        .produce({ plan, path })
        .then(async (outcome) => {
          if (outcome.kind === 'rgb') await writeRgbPng(path, outcome.rgb, outcome.size);
          if (outcome.region)
            await writeMaskPng(join(truthDir, regionMaskPath(plan)), outcome.region.mask, outcome.size);
          rows[plan.index] = truthRowFor(plan, outcome);
          done++;
          onProgress?.(done, total);
        })
        .catch((err: unknown) => {
          failure ??= err;
        });
      inFlight.add(job);
      void job.then(() => inFlight.delete(job));
      if (inFlight.size >= producer.capacity + PNG_IN_FLIGHT) await Promise.race(inFlight);
      // Rendering on this thread blocks it: let PNG completions, timers and aborts through.
      else if (producer.threads === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(inFlight);
  } finally {
    await producer.close();
  }
  if (failure) throw failure;
  signal?.throwIfAborted();

  await writeFileAtomic(truthCsvPath, formatTruthCsv(rows));
  const result: DemoResultCounts = { files: plans.length, anomalies: anomalyCount(objects) };
  if (spectra === 0) return result;

  const truthPath = options.spectraTruthPath ?? join(dirname(truthCsvPath), DEMO_SPECTRA_TRUTH_FILE);
  const written = await generateDemoSpectra(dataDir, truthPath, {
    objects: spectra,
    seed,
    signal,
    onProgress: (spectraDone) => onProgress?.(objects + spectraDone, total),
  });
  return { ...result, spectra: { ...written, truthPath } };
}
