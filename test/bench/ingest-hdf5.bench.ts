// Ingest of one large HDF5 cutout collection in the Galaxy10 DECaLS layout (uint8
// N × 256 × 256 × 3 with names, ra, dec): rows per second and the memory it takes. Ingest
// commits the file a slice at a time; the reference is what taking the file's objects at once
// would hold (readHdf5, the whole-file reader). Each runs in a fresh process and reports its
// own peak RSS.
//   SERENDIP_BENCH_HDF5_ROWS=3000   rows in the file (Galaxy10 has 17,736)
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ingestPaths } from '../../electron/core/ingest/ingest-files.js';
import { DEFAULT_READ_OPTIONS } from '../../electron/core/ingest/ingested-item.js';
import { readHdf5 } from '../../electron/core/ingest/read-hdf5.js';
import { Workspace } from '../../electron/core/workspace/workspace.js';
import { writeGalaxy10Like } from '../fixtures/hdf5/cutout-fixture.js';
import { benchScratchDir, printFigure, printHeading, timeIt } from './bench-util.js';

const ROWS = Number(process.env.SERENDIP_BENCH_HDF5_ROWS ?? 3000);
const SIDE = 256;

type Mode = 'ingest' | 'whole';

/** One measurement in a fresh process, so its peak RSS is its own: the figures it prints back. */
function measureInChild(
  mode: Mode,
  path: string,
  workspace: string,
): { seconds: number; peakMb: number; failed: number } {
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', fileURLToPath(import.meta.url), 'measure', mode, path, workspace],
    { encoding: 'utf8' },
  );
  if (child.status !== 0) throw new Error(`${mode} measurement failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}');
}

async function measure(mode: Mode, path: string, dir: string): Promise<void> {
  // Sampled, not getrusage's maxrss: that survives exec, so a child would report the peak
  // of the parent that forked it (which held the whole file while writing it).
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  let failed = 0;
  const { seconds } = await timeIt(async () => {
    if (mode === 'whole') return readHdf5(path, DEFAULT_READ_OPTIONS);
    const workspace = Workspace.open(dir, { create: true });
    try {
      failed = (await ingestPaths(workspace, [path])).failed;
    } finally {
      workspace.close();
    }
  });
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(JSON.stringify({ seconds, peakMb: peak / 2 ** 20, failed }));
}

export async function run(): Promise<void> {
  printHeading(
    `ingest of one HDF5 collection: ${ROWS.toLocaleString('en')} × ${SIDE}×${SIDE}×3 uint8 ` +
      '(Galaxy10 layout), each in a fresh process',
  );
  const { dir, dispose } = benchScratchDir('ingest-hdf5');
  try {
    const path = join(dir, 'data', 'galaxy10.h5');
    mkdirSync(join(dir, 'data'));
    await writeGalaxy10Like(path, ROWS, SIDE);
    printFigure('file size', `${(statSync(path).size / 2 ** 20).toFixed(0)} MB`);
    const chunked = measureInChild('ingest', path, join(dir, 'ws'));
    if (chunked.failed > 0) throw new Error('the collection did not ingest');
    printFigure('ingest, committed slice by slice', ROWS / chunked.seconds, 'rows/s');
    printFigure('  peak RSS of the process', chunked.peakMb, 'MB');
    const whole = measureInChild('whole', path, join(dir, 'ws'));
    printFigure("reference: the file's objects read at once (no writes)", ROWS / whole.seconds, 'rows/s');
    printFigure('  peak RSS of the process', whole.peakMb, 'MB');
    printFigure('peak RSS, whole-file / slice-by-slice', whole.peakMb / chunked.peakMb, '×');
  } finally {
    dispose();
  }
}

if (process.argv[2] === 'measure') await measure(process.argv[3] as Mode, process.argv[4], process.argv[5]);
else if (import.meta.url === pathToFileURL(process.argv[1]).href) await run();
