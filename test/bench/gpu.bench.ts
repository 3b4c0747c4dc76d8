// The learned image models (64×64×3) on WebGPU beside wasm, in one run: training objects/s
// (autoencoder batch 32, contrastive batch 64 with two views) and encoding images/s on one
// thread, with the ratio to wasm and the goals for a real GPU (2,000 training and 20,000
// encoding images/s, and an adapter line naming the GPU). A software adapter (SwiftShader)
// only proves the path: it is timed on a token amount of work, and only with
// SERENDIP_BENCH_SOFTWARE_GPU=1, since it is far slower than wasm.
import { pathToFileURL } from 'node:url';
import { selectBackend } from '../../native-models/backends/index.js';
import { adapterLine, probeWebGpuAdapter } from '../../native-models/backends/webgpu-backend.js';
import { printFigure, printHeading } from './bench-util.js';
import { inferenceRate, trainingRate, type ThroughputWork } from './model-throughput.bench.js';

const GOAL_TRAINING = 2_000;
const GOAL_ENCODING = 20_000;

interface Figures {
  autoencoder: number;
  contrastive: number;
  encoding: number;
}

async function figures(backend: 'webgpu' | 'wasm', work?: ThroughputWork): Promise<Figures> {
  const { device } = await selectBackend(backend);
  printHeading(`${backend}: ${device}`);
  const result = {
    autoencoder: await trainingRate('autoencoder', work),
    contrastive: await trainingRate('contrastive', work),
    encoding: await inferenceRate('contrastive', work),
  };
  printFigure('training, autoencoder (batch 32)', result.autoencoder, 'objects/s');
  printFigure('training, contrastive (batch 64, 2 views)', result.contrastive, 'objects/s');
  printFigure('encoding, encoder (batch 128)', result.encoding, 'images/s');
  return result;
}

export async function run(): Promise<void> {
  printHeading('learned image models on WebGPU beside wasm, 64×64×3, one thread');
  const adapter = await probeWebGpuAdapter();
  if (!adapter) {
    console.log('  no WebGPU adapter here (on Linux Dawn needs a Vulkan driver): nothing to compare');
    return;
  }
  printFigure('adapter', adapterLine(adapter));
  if (adapter.software && process.env.SERENDIP_BENCH_SOFTWARE_GPU !== '1') {
    console.log('  a software adapter: set SERENDIP_BENCH_SOFTWARE_GPU=1 to time it anyway (it proves the path only)');
    return;
  }
  const work = adapter.software ? { steps: 1, encodeObjects: 128 } : undefined;
  const gpu = await figures('webgpu', work);
  const wasm = await figures('wasm', work);
  printHeading('webgpu / wasm');
  printFigure('training, autoencoder', gpu.autoencoder / wasm.autoencoder, '×');
  printFigure('training, contrastive', gpu.contrastive / wasm.contrastive, '×');
  printFigure('encoding', gpu.encoding / wasm.encoding, '×');
  printFigure(`goal ${GOAL_TRAINING} training objects/s (autoencoder)`, gpu.autoencoder / GOAL_TRAINING, '× of it');
  printFigure(`goal ${GOAL_ENCODING} encoding images/s`, gpu.encoding / GOAL_ENCODING, '× of it');
  if (adapter.software) console.log('  (a software adapter: these figures say nothing about a GPU)');
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await run();
