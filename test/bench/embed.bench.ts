// Fast embeddings end to end through runEmbedding, on 100k synthetic 64×64×3 model inputs
// (SERENDIP_BENCH_EMBED_N to change it) in a scratch workspace: `features` and `pca --dim 32`,
// each against the 60 s target. The inputs are 300 galaxy prototypes of five types
// (elliptical, lenticular, spiral, barred, edge-on), each in 4 noise realisations, 8
// rotations/flips and 16 patterns of low-bit jitter, so that no two rows are alike. Also
// printed: kNN purity of each embedding by galaxy type (does it separate the types?), and
// scikit-learn's randomised PCA on the same binned pixels as a reference, for time and for
// the share of the variance its 32 components capture against ours.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readNpyFile } from '../../electron/core/formats/arrays/npy.js';
import { NpyRowFile } from '../../electron/core/formats/arrays/npy-row-file.js';
import { toFloat16Bits } from '../../electron/core/formats/arrays/float16.js';
import { Workspace } from '../../electron/core/workspace/workspace.js';
import { insertObject } from '../../electron/core/workspace/repositories/objects-repo.js';
import { upsertSourceFile } from '../../electron/core/workspace/repositories/source-files-repo.js';
import { getRun } from '../../electron/core/workspace/repositories/runs-repo.js';
import { runEmbedding, type FastEmbeddingMethod } from '../../electron/core/discovery/embeddings/embedding-run.js';
import { exactKnnGraph } from '../../electron/core/discovery/neighbours/exact-knn.js';
import { SeededRandom } from '../../electron/core/discovery/seeded-random.js';
import { galaxyFlux, type GalaxySpec } from '../unit/discovery/embeddings/synthetic-galaxies.js';
import { benchScratchDir, printFigure, printHeading, runPythonReference, timeIt } from './bench-util.js';

const OBJECTS = Number(process.env.SERENDIP_BENCH_EMBED_N ?? 100_000);
const TARGET_SECONDS = 60;
const SIZE = 64;
const BANDS = 3;
const STORE = `image-${SIZE}x${SIZE}x${BANDS}.npy`;
const PROTOTYPES = 300;
const NOISE_REALISATIONS = 4;
const JITTER_PATTERNS = 16;
const PURITY_ROWS = 3000;
const PURITY_K = 10;
const TYPES = ['elliptical', 'lenticular', 'spiral', 'barred', 'edge-on'] as const;

function prototypeSpec(type: (typeof TYPES)[number], random: SeededRandom): GalaxySpec {
  const between = (lo: number, hi: number): number => lo + (hi - lo) * random.nextFloat();
  const base = {
    size: SIZE,
    bands: BANDS,
    flux: between(3000, 30000),
    radius: between(3, 9),
    angle: between(0, Math.PI),
    noise: 0,
  };
  switch (type) {
    case 'elliptical':
      return { ...base, sersic: between(3.5, 4.5), axisRatio: between(0.6, 1), bandRatios: [0.55, 1, 1.35] };
    case 'lenticular':
      return { ...base, sersic: between(1.8, 2.5), axisRatio: between(0.4, 0.7), bandRatios: [0.6, 1, 1.3] };
    case 'spiral':
      return {
        ...base,
        sersic: 1,
        axisRatio: between(0.6, 1),
        arms: { count: 2, amplitude: between(0.4, 0.8), winding: between(1, 3) },
        bandRatios: [0.85, 1, 1.1],
      };
    case 'barred':
      return {
        ...base,
        sersic: 1,
        axisRatio: between(0.7, 1),
        arms: { count: 2, amplitude: between(0.2, 0.4), winding: between(1, 3) },
        bar: { length: between(3, 7), axisRatio: between(0.2, 0.35), fraction: between(0.2, 0.35) },
        bandRatios: [0.75, 1, 1.2],
      };
    case 'edge-on':
      return { ...base, sersic: 1, axisRatio: between(0.12, 0.25), bandRatios: [0.7, 1, 1.25] };
  }
}

/** Pixel index maps of the 8 rotations and flips of a size×size frame. */
function dihedralMaps(size: number): Int32Array[] {
  const maps: Int32Array[] = [];
  for (let t = 0; t < 8; t++) {
    const map = new Int32Array(size * size);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        let [u, v] = t & 4 ? [size - 1 - x, y] : [x, y];
        for (let r = 0; r < (t & 3); r++) [u, v] = [v, size - 1 - u];
        map[y * size + x] = v * size + u;
      }
    }
    maps.push(map);
  }
  return maps;
}

interface SyntheticCollection {
  workspace: Workspace;
  /** Galaxy type index of each object, in id order. */
  types: Uint8Array;
}

function writeCollection(dir: string, objects: number): SyntheticCollection {
  const random = new SeededRandom(1);
  const rowLength = SIZE * SIZE * BANDS;
  const prototypeType = new Uint8Array(PROTOTYPES);
  const realisations: Uint16Array[] = [];
  for (let p = 0; p < PROTOTYPES; p++) {
    prototypeType[p] = p % TYPES.length;
    const clean = galaxyFlux(prototypeSpec(TYPES[prototypeType[p]], random));
    for (let r = 0; r < NOISE_REALISATIONS; r++) {
      const input = new Float32Array(rowLength);
      for (let i = 0; i < rowLength; i++) input[i] = Math.asinh(clean[i] + random.nextGaussian());
      realisations.push(toFloat16Bits(input));
    }
  }
  const jitter = Array.from({ length: JITTER_PATTERNS }, () =>
    Uint16Array.from({ length: rowLength }, () => random.nextInt(2)),
  );
  const maps = dihedralMaps(SIZE);

  const workspace = Workspace.open(dir, { create: true });
  const file = NpyRowFile.openOrCreate(join(workspace.paths.inputs, STORE), {
    dtype: '<f2',
    rowShape: [SIZE, SIZE, BANDS],
  });
  const types = new Uint8Array(objects);
  const chunkRows = 1024;
  const chunk = new Uint16Array(chunkRows * rowLength);
  for (let start = 0; start < objects; start += chunkRows) {
    const rows = Math.min(chunkRows, objects - start);
    for (let k = 0; k < rows; k++) {
      const prototype = random.nextInt(PROTOTYPES);
      types[start + k] = prototypeType[prototype];
      const source = realisations[prototype * NOISE_REALISATIONS + random.nextInt(NOISE_REALISATIONS)];
      const map = maps[random.nextInt(8)];
      const bits = jitter[random.nextInt(JITTER_PATTERNS)];
      const target = k * rowLength;
      for (let p = 0; p < SIZE * SIZE; p++) {
        const from = map[p] * BANDS;
        for (let b = 0; b < BANDS; b++) chunk[target + p * BANDS + b] = source[from + b] ^ bits[p * BANDS + b];
      }
    }
    file.appendRows(chunk.subarray(0, rows * rowLength));
  }
  file.close();

  const at = new Date().toISOString();
  workspace.db.transaction(() => {
    const fileId = upsertSourceFile(workspace.db, {
      path: 'synthetic.h5',
      size: 1,
      mtime_ms: 0,
      format: 'hdf5',
      ingested_at: at,
    });
    for (let i = 0; i < objects; i++) {
      insertObject(
        workspace.db,
        {
          name: `g${i}`,
          modality: 'image',
          file_id: fileId,
          hdu: null,
          item_index: i,
          ra: null,
          dec: null,
          width: SIZE,
          height: SIZE,
          bands: BANDS,
          input_store: STORE,
          input_row: i,
        },
        at,
      );
    }
  })();
  return { workspace, types };
}

/** Fraction of each object's k nearest neighbours (first rows only) that share its type. */
function knnPurity(vectors: Float32Array, dim: number, types: Uint8Array, rows: number): number {
  const graph = exactKnnGraph({ data: vectors.subarray(0, rows * dim), count: rows, dim }, PURITY_K);
  let same = 0;
  for (let i = 0; i < rows; i++)
    for (let k = 0; k < PURITY_K; k++) if (types[graph.indices[i * PURITY_K + k]] === types[i]) same++;
  return same / (rows * PURITY_K);
}

const REFERENCE_SCRIPT = `
import json, sys, time
import numpy as np
from sklearn.decomposition import PCA

inputs_path, ours_path, components = sys.argv[1], sys.argv[2], int(sys.argv[3])
inputs = np.load(inputs_path, mmap_mode='r')
n, size, _, bands = inputs.shape
half = size // 2
X = np.empty((n, half * half * bands), dtype=np.float32)
for start in range(0, n, 4096):
    block = np.nan_to_num(inputs[start:start + 4096].astype(np.float32), nan=0.0, posinf=0.0, neginf=0.0)
    binned = block.reshape(-1, half, 2, half, 2, bands).mean(axis=(2, 4))
    X[start:start + 4096] = binned.reshape(len(block), -1)
total = X.var(axis=0, ddof=1).sum()
start = time.perf_counter()
pca = PCA(n_components=components, svd_solver='randomized', random_state=0)
pca.fit_transform(X)
seconds = time.perf_counter() - start
ours = np.load(ours_path)
print(json.dumps({
  'seconds': seconds,
  'sklearnVarianceShare': float(pca.explained_variance_ratio_.sum()),
  'oursVarianceShare': float(ours.var(axis=0, ddof=1).sum() / total),
}))
`;

interface ReferenceFigures {
  seconds: number;
  sklearnVarianceShare: number;
  oursVarianceShare: number;
}

export async function run(): Promise<void> {
  printHeading(
    `fast embeddings: ${OBJECTS} synthetic ${SIZE}x${SIZE}x${BANDS} model inputs (target: each ` +
      `under ${TARGET_SECONDS} s)`,
  );
  const { dir, dispose } = benchScratchDir('embed');
  try {
    const made = await timeIt(() => writeCollection(join(dir, 'workspace'), OBJECTS));
    const { workspace, types } = made.value;
    printFigure('writing the synthetic workspace (not timed against the target)', made.seconds, 's');
    try {
      const paths: Partial<Record<FastEmbeddingMethod, string>> = {};
      for (const method of ['features', 'pca'] as const) {
        const cpuBefore = process.cpuUsage();
        const timed = await timeIt(() => runEmbedding(workspace, { method, dim: 32 }));
        const cpu = process.cpuUsage(cpuBefore);
        const { runId, dim, path } = timed.value;
        paths[method] = path;
        const params = JSON.parse(getRun(workspace.db, runId)!.params) as {
          threads: number;
          explained_variance_total?: number;
        };
        const label = method === 'pca' ? 'pca --dim 32' : 'features';
        printFigure(`${label}: end to end (${params.threads} worker threads)`, timed.seconds, 's');
        // The machine is shared: CPU time (all threads) shows the work itself, whatever the load.
        printFigure(`${label}: CPU time, all threads`, (cpu.user + cpu.system) / 1e6, 's');
        printFigure(`${label}: objects per second`, OBJECTS / timed.seconds, '/s');
        printFigure(`${label}: time / ${TARGET_SECONDS} s target`, timed.seconds / TARGET_SECONDS);
        printFigure(`${label}: dimension`, dim);
        if (params.explained_variance_total !== undefined)
          printFigure(`${label}: variance share on its fit sample`, params.explained_variance_total);
        const vectors = readNpyFile(path).data as Float32Array;
        const rows = Math.min(PURITY_ROWS, OBJECTS);
        printFigure(
          `${label}: kNN purity by type (k=${PURITY_K}, ${rows} objects)`,
          knnPurity(vectors, dim, types, rows),
        );
      }
      const counts = new Array(TYPES.length).fill(0);
      for (const t of types) counts[t]++;
      printFigure(
        'kNN purity by chance',
        counts.reduce((sum, c) => sum + (c / OBJECTS) ** 2, 0),
      );

      const reference = runPythonReference<ReferenceFigures>(
        REFERENCE_SCRIPT,
        ['numpy', 'sklearn'],
        [join(workspace.paths.inputs, STORE), paths.pca!, '32'],
      );
      if (reference) {
        printFigure('sklearn PCA(32, randomized) fit_transform, binned pixels in memory', reference.seconds, 's');
        printFigure('variance share of 32 components, sklearn (all rows)', reference.sklearnVarianceShare);
        printFigure('variance share of 32 components, ours (all rows)', reference.oursVarianceShare);
        printFigure('variance share ours / sklearn', reference.oursVarianceShare / reference.sklearnVarianceShare);
      }
    } finally {
      workspace.close();
    }
  } finally {
    dispose();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await run();
