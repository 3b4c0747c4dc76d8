// Generates the demo spectra: plans them (the truth table), draws each on this thread (1–2 ms
// of CPU a spectrum, about 3 s for 1,000 with the writes, so worker threads would buy little
// on two cores), writes it as an SDSS-style FITS file under <data>/spectra/ while the next is
// drawn, and finally writes the truth CSV.
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { renderSpectrum } from './render-spectrum.js';
import { encodeSpecFile } from './spec-file.js';
import { planDemoSpectra, SPECTRUM_ANOMALY_FRACTION } from './spectra-plan.js';
import { formatSpectraTruthCsv, spectrumFilePath } from './spectra-truth-csv.js';
import { isSpectrumAnomaly } from './spectrum-types.js';

export interface DemoSpectraOptions {
  /** Number of spectra; default 1000. */
  objects?: number;
  /** Collection seed; default 1. The same seed gives byte-identical files. */
  seed?: number;
  /** Share of spectra with an injected anomaly, 0–1; default 0.04. */
  anomalyFraction?: number;
  /** Called after each file is written, with the count so far and the total. */
  onProgress?: (done: number, total: number) => void;
  /** Aborting stops between spectra; files already written stay, the truth CSV is not written. */
  signal?: AbortSignal;
}

/** File writes in flight (about 110 kB each) while the next spectra are drawn: overlaps fsync with the maths. */
const WRITES_IN_FLIGHT = 32;

/**
 * Writes `objects` spectra to `<dataDir>/spectra/spec-PLATE-MJD-FIBER.fits` and their truth
 * table to `truthCsvPath` (file paths in it are relative to `dataDir`).
 */
export async function generateDemoSpectra(
  dataDir: string,
  truthCsvPath: string,
  options: DemoSpectraOptions = {},
): Promise<{ files: number; anomalies: number }> {
  const objects = options.objects ?? 1000;
  const { onProgress, signal } = options;
  signal?.throwIfAborted();
  const plans = planDemoSpectra(objects, options.seed ?? 1, options.anomalyFraction ?? SPECTRUM_ANOMALY_FRACTION);
  await mkdir(join(dataDir, 'spectra'), { recursive: true });

  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  let done = 0;
  for (const plan of plans) {
    if (signal?.aborted || failure) break;
    const bytes = encodeSpecFile(plan, renderSpectrum(plan));
    const job = writeFileAtomic(join(dataDir, spectrumFilePath(plan)), bytes)
      .then(() => {
        done++;
        onProgress?.(done, objects);
      })
      .catch((err: unknown) => {
        failure ??= err;
      });
    inFlight.add(job);
    void job.then(() => inFlight.delete(job));
    // Drawing blocks this thread: wait on writes when enough are queued, else let timers and aborts in.
    if (inFlight.size >= WRITES_IN_FLIGHT) await Promise.race(inFlight);
    else await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(inFlight);
  if (failure) throw failure;
  signal?.throwIfAborted();

  await mkdir(dirname(truthCsvPath), { recursive: true });
  await writeFileAtomic(truthCsvPath, formatSpectraTruthCsv(plans));
  return { files: plans.length, anomalies: plans.filter((p) => isSpectrumAnomaly(p.kind)).length };
}
