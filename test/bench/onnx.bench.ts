// Throughput of a pretrained-style ONNX image encoder through onnxruntime-node on the
// provider `embed --model` would pick here (the CPU provider, one intra-op thread per core,
// on the build machines): a conv stack of 32-64-128 channels with stride 2 on 64×64×3
// inputs, fed as stored (no resize) and resized to 128 and 224, as whole `embed` runs do
// (packing and resizing included), and the session alone. The model is written by the test
// helper, so nothing is downloaded. Then the same encoder on both runtimes in one run:
// Serendip's own learned image encoder (the one `embed --method contrastive` trains), as the
// graph a learned run encodes through, on tfjs's wasm backend (one thread), onnxruntime's CPU
// provider and, where Dawn finds a GPU, its WebGPU provider. SERENDIP_BENCH_ONNX_N sets the
// image count.
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import * as ort from 'onnxruntime-node';
import { OnnxEncoder, describeProvider, openSession } from '../../native-models/onnx/index.js';
import { learnedModelToOnnx } from '../../native-models/onnx/learned-model-to-onnx.js';
import { selectBackend } from '../../native-models/backends/index.js';
import { probeWebGpuAdapter } from '../../native-models/backends/dawn-gpu.js';
import { adapterLine } from '../../native-models/backends/webgpu-adapter.js';
import { LearnedModel } from '../../native-models/learned-model.js';
import { convStackModel, seededValues } from '../helpers/onnx-model-builder.js';
import { printFigure, printHeading, timeIt } from './bench-util.js';

const STORED = 64;
const BANDS = 3;
const BATCH = 64;
/** What a learned run's encoding feeds onnxruntime at once. */
const LEARNED_BATCH = 128;
const IMAGES = Number(process.env.SERENDIP_BENCH_ONNX_N ?? 1024);

async function rate(encoder: OnnxEncoder, batch: Float32Array): Promise<number> {
  await encoder.encode(batch, BATCH); // session warmed up
  const { seconds } = await timeIt(async () => {
    for (let done = 0; done < IMAGES; done += BATCH) await encoder.encode(batch, BATCH);
  });
  return IMAGES / seconds;
}

export async function run(): Promise<void> {
  const model = convStackModel(BANDS, [32, 64, 128]);
  const batch = seededValues(BATCH * STORED * STORED * BANDS, 5, 3);
  let described = false;
  for (const side of [STORED, 128, 224]) {
    const encoder = await OnnxEncoder.open(model, { bands: BANDS, storedSize: STORED, inputSize: side });
    try {
      if (!described) {
        printHeading(
          'ONNX conv encoder (3×3 stride-2 convs, 32-64-128 channels), ' +
            `${STORED}×${STORED}×${BANDS} stored inputs, batch ${BATCH}`,
        );
        printFigure('provider', encoder.providerDescription);
        printFigure('onnxruntime-node', ort.env.versions.node ?? '?');
        described = true;
      }
      printFigure(
        `embed rate, fed at ${side}×${side}${side === STORED ? ' (no resize)' : ' (bilinear resize)'}`,
        await rate(encoder, batch),
        'images/s',
      );
    } finally {
      await encoder.dispose();
    }
  }
  // The session alone, on an already packed tensor: what packing and resizing cost beside it.
  const session = await ort.InferenceSession.create(model, {
    executionProviders: ['cpu'],
    intraOpNumThreads: availableParallelism(),
  });
  const tensor = new ort.Tensor('float32', seededValues(BATCH * BANDS * STORED * STORED, 6), [
    BATCH,
    BANDS,
    STORED,
    STORED,
  ]);
  await session.run({ pixels: tensor });
  const { seconds } = await timeIt(async () => {
    for (let done = 0; done < IMAGES; done += BATCH) await session.run({ pixels: tensor });
  });
  printFigure(`session.run only, ${STORED}×${STORED}, cpu, a thread per core`, IMAGES / seconds, 'images/s');
  await session.release();
  await sameEncoderOnBothRuntimes();
}

/** The session alone on `provider`: images/s over `images` images in batches of LEARNED_BATCH. */
async function sessionRate(bytes: Uint8Array, provider: 'cpu' | 'webgpu', batch: Float32Array, images: number) {
  const opened = await openSession(bytes, provider);
  const pixels = new ort.Tensor('float32', batch, [LEARNED_BATCH, STORED, STORED, BANDS]);
  try {
    await opened.session.run({ pixels }); // warmed up (a GPU compiles its shaders here)
    const { seconds } = await timeIt(async () => {
      for (let done = 0; done < images; done += LEARNED_BATCH) await opened.session.run({ pixels });
    });
    return { rate: images / seconds, description: describeProvider(opened) };
  } finally {
    await opened.session.release();
  }
}

/**
 * Serendip's learned image encoder (the graph a learned run encodes through: contrastive,
 * 32-64-64-128 convs → 32, on the unit sphere) on tfjs wasm and on onnxruntime's CPU provider,
 * and on its WebGPU provider where Dawn finds a hardware adapter (a software one only with
 * SERENDIP_BENCH_SOFTWARE_GPU=1, on a token amount of work: it proves the path only).
 */
async function sameEncoderOnBothRuntimes(): Promise<void> {
  await selectBackend('wasm');
  const config = {
    kind: 'contrastive',
    modality: 'image',
    geometry: { size: STORED, bands: BANDS },
    dim: 32,
    seed: 0,
    learningRate: 1e-3,
  } as const;
  const learned = new LearnedModel(config);
  const bytes = learnedModelToOnnx(config, learned.encoder);
  const batch = seededValues(LEARNED_BATCH * STORED * STORED * BANDS, 7, 3);
  try {
    printHeading(
      `the learned image encoder on both runtimes (32-64-64-128 convs → 32), ${STORED}×${STORED}×${BANDS}, ` +
        `batch ${LEARNED_BATCH}`,
    );
    await learned.encode(batch, LEARNED_BATCH);
    const { seconds } = await timeIt(async () => {
      for (let done = 0; done < IMAGES; done += LEARNED_BATCH) await learned.encode(batch, LEARNED_BATCH);
    });
    const wasm = IMAGES / seconds;
    printFigure('tfjs wasm, one thread', wasm, 'images/s');
    const cpu = await sessionRate(bytes, 'cpu', batch, IMAGES);
    printFigure(cpu.description, cpu.rate, 'images/s');
    printFigure('onnxruntime cpu / tfjs wasm', cpu.rate / wasm, '×');
    const adapter = await probeWebGpuAdapter();
    if (!adapter) {
      console.log('  no WebGPU adapter here (on Linux Dawn needs a Vulkan driver): onnxruntime webgpu not timed');
    } else if (adapter.software && process.env.SERENDIP_BENCH_SOFTWARE_GPU !== '1') {
      console.log(`  ${adapterLine(adapter)}: set SERENDIP_BENCH_SOFTWARE_GPU=1 to time it (it proves the path only)`);
    } else {
      const gpu = await sessionRate(bytes, 'webgpu', batch, adapter.software ? LEARNED_BATCH : IMAGES);
      printFigure(gpu.description, gpu.rate, 'images/s');
      printFigure('onnxruntime webgpu / tfjs wasm', gpu.rate / wasm, '×');
      printFigure('onnxruntime webgpu / onnxruntime cpu', gpu.rate / cpu.rate, '×');
      if (adapter.software) console.log('  (a software adapter: these figures say nothing about a GPU)');
    }
  } finally {
    learned.dispose();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await run();
