// Worker-thread entry of the parallel layout optimiser: takes chunks of edges from the shared
// counter and runs them on the shared embedding (Hogwild: no locks; rare conflicting writes
// only add a little noise to an already stochastic descent), meeting the other workers after
// each epoch so that all of them use the same learning rate.
import { parentPort, workerData } from 'node:worker_threads';
import { buildGradientTables } from './gradient-tables.js';
import { runSgdEpoch } from './sgd-epoch.js';
import { CANCELLED, epochBarrier, NEXT_CHUNK, WORKER_DONE_MESSAGE, type SgdWorkerJob } from './sgd-worker-protocol.js';

const { buffers, settings, chunkSize, rngSeed, workerCount, control } = workerData as SgdWorkerJob;
const rngState = new Int32Array([rngSeed]);
const tables = buildGradientTables(settings.a, settings.b, settings.gamma);
const edges = buffers.head.length;
for (let epoch = 0; epoch < settings.nEpochs; epoch++) {
  if (Atomics.load(control, CANCELLED) !== 0) break;
  for (;;) {
    const start = Atomics.add(control, NEXT_CHUNK, 1) * chunkSize;
    if (start >= edges) break;
    runSgdEpoch(buffers, settings, tables, epoch, start, Math.min(edges, start + chunkSize), rngState);
  }
  epochBarrier(control, workerCount, epoch + 1);
}
parentPort?.postMessage(WORKER_DONE_MESSAGE);
