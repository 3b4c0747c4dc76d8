// Throughput of a pretrained-style ONNX image encoder through onnxruntime-node on the
// provider `embed --model` would pick here (the CPU provider, one intra-op thread per core,
// on the build machines): a conv stack of 32-64-128 channels with stride 2 on 64×64×3
// inputs, fed as stored (no resize) and resized to 128 and 224, as whole `embed` runs do
// (packing and resizing included), and the session alone. The model is written by the test
// helper, so nothing is downloaded. Then the same encoder on both runtimes in one run:
// Serendip's own learned image encoder (the one `embed --method contrastive` trains),
// exported with export-model's converter, through onnxruntime's CPU provider against
// tfjs's wasm backend (one thread). SERENDIP_BENCH_ONNX_N sets the image count.
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import * as ort from 'onnxruntime-node';
import { OnnxEncoder, tfjsEncoderToOnnx } from '../../native-models/onnx/index.js';
import { selectBackend } from '../../native-models/backends/index.js';
import { LearnedModel } from '../../native-models/learned-model.js';
import { convStackModel, seededValues } from '../helpers/onnx-model-builder.js';
import { printFigure, printHeading, timeIt } from './bench-util.js';

const STORED = 64;
const BANDS = 3;
const BATCH = 64;
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

/** Serendip's learned image encoder, exported to ONNX: onnxruntime CPU against tfjs wasm on the same inputs. */
async function sameEncoderOnBothRuntimes(): Promise<void> {
  await selectBackend('wasm');
  const learned = new LearnedModel({
    kind: 'contrastive',
    modality: 'image',
    geometry: { size: STORED, bands: BANDS },
    dim: 32,
    seed: 0,
    learningRate: 1e-3,
  });
  const onnx = await OnnxEncoder.open(tfjsEncoderToOnnx(learned.encoder), {
    bands: BANDS,
    storedSize: STORED,
    provider: 'cpu',
  });
  const batch = seededValues(BATCH * STORED * STORED * BANDS, 7, 3);
  try {
    printHeading(
      `the same encoder on both runtimes: Serendip's image encoder (32-64-64-128 convs → ` +
        `32), ${STORED}×${STORED}×${BANDS}, batch ${BATCH}`,
    );
    const ort = await rate(onnx, batch);
    await learned.encode(batch, BATCH);
    const { seconds } = await timeIt(async () => {
      for (let done = 0; done < IMAGES; done += BATCH) await learned.encode(batch, BATCH);
    });
    const wasm = IMAGES / seconds;
    printFigure(`onnxruntime cpu, ${onnx.threads} threads`, ort, 'images/s');
    printFigure('tfjs wasm, one thread', wasm, 'images/s');
    printFigure('onnxruntime / tfjs wasm', ort / wasm, '×');
  } finally {
    await onnx.dispose();
    learned.dispose();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await run();
