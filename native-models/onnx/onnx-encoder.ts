// A pretrained ONNX image encoder: opens the model on the best execution provider, reads its
// declared input and output (name, type, shape) from the file, plans how stored images are
// fed (onnx-input-plan.ts, image-feed.ts) and turns batches of them into rows of the chosen
// output, flattened to [N, D]. A model demanding a fixed batch gets padded batches of that
// size. Given a check store, an accelerator is first checked against the CPU provider on
// seeded inputs of the model's shape. The session is the encoder's to release (dispose).
import * as ort from 'onnxruntime-node';
import { ImageFeed, type Normalisation } from './image-feed.js';
import {
  OnnxInputError,
  describeShape,
  feedShape,
  isDynamic,
  planInput,
  type DeclaredTensor,
  type InputPlan,
} from './onnx-input-plan.js';
import {
  describeProvider,
  openSession,
  type OnnxProviderChoice,
  type OpenSessionOptions,
  type OpenedSession,
} from './onnx-provider.js';
import type { ProviderCheckStore } from './provider-check.js';

/** float16 ⇄ float32 as raw bits (Node 20 has no Float16Array); the caller supplies it. */
export interface HalfCodec {
  encode(values: Float32Array): Uint16Array;
  decode(bits: Uint16Array): Float32Array;
}

export interface OnnxEncoderOptions {
  /** Bands and side of the stored images fed to the model. */
  bands: number;
  storedSize: number;
  /** Side fed to a model with dynamic spatial dims (default the stored side). */
  inputSize?: number;
  /** Which output becomes the embedding (default the first). */
  output?: string;
  normalisation?: Normalisation;
  provider?: OnnxProviderChoice;
  /** Needed only by models with a float16 input or output. */
  half?: HalfCodec;
  /** Where first-use checks of accelerators are remembered; none: no check. */
  checks?: ProviderCheckStore;
  session?: OpenSessionOptions;
}

/** Objects in the seeded batch an accelerator is checked on. */
const CHECK_OBJECTS = 2;

const OUTPUT_TYPES: readonly string[] = ['float32', 'float16', 'float64'];

function declared(meta: ort.InferenceSession.ValueMetadata): DeclaredTensor {
  return meta.isTensor
    ? { name: meta.name, type: meta.type, shape: meta.shape }
    : { name: meta.name, type: null, shape: [] };
}

/** Seeded values of the model's input shape for CHECK_OBJECTS images, as the check compares them. */
function checkFeeds(session: ort.InferenceSession, options: OnnxEncoderOptions): Record<string, ort.Tensor> {
  const plan = planInput(declared(session.inputMetadata[0]), options.bands, options.storedSize, options.inputSize);
  if (plan.type === 'float16' && !options.half)
    throw new OnnxInputError('the model uses float16 tensors and no float16 codec was given');
  const shape = feedShape(plan, plan.fixedBatch ?? CHECK_OBJECTS);
  const values = new Float32Array(shape.reduce((a, d) => a * d, 1));
  let state = 7;
  for (let i = 0; i < values.length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    values[i] = (state / 2 ** 32) * 2 - 1;
  }
  const data = plan.type === 'float16' ? options.half!.encode(values) : values;
  return { [plan.name]: new ort.Tensor(plan.type, data, shape) };
}

export class OnnxEncoder {
  private readonly feed: ImageFeed;
  /** Embedding width: known from the declared output when its trailing dims are fixed, else after the first batch. */
  private width: number | null;

  private readonly session: ort.InferenceSession;

  private constructor(
    readonly opened: OpenedSession,
    readonly inputs: DeclaredTensor[],
    readonly outputs: DeclaredTensor[],
    readonly plan: InputPlan,
    readonly output: DeclaredTensor,
    private readonly half: HalfCodec | undefined,
    normalisation: Normalisation,
    storedSize: number,
  ) {
    this.session = opened.session;
    this.feed = new ImageFeed(plan, storedSize, normalisation);
    const trailing = output.shape.slice(1);
    this.width =
      output.shape.length >= 1 && trailing.every((d) => !isDynamic(d))
        ? trailing.reduce<number>((a, d) => a * (d as number), 1)
        : null;
  }

  /** Opens `model` (path or bytes); refuses a model whose input cannot be fed or whose output is not a float tensor. */
  static async open(model: string | Uint8Array, options: OnnxEncoderOptions): Promise<OnnxEncoder> {
    const check = options.checks && {
      store: options.checks,
      feeds: (session: ort.InferenceSession) => checkFeeds(session, options),
    };
    const opened = await openSession(model, options.provider ?? 'auto', { ...options.session, check });
    try {
      const inputs = opened.session.inputMetadata.map(declared);
      const outputs = opened.session.outputMetadata.map(declared);
      if (inputs.length !== 1) {
        throw new OnnxInputError(
          `the model has ${inputs.length} inputs ` +
            `(${inputs.map((i) => `'${i.name}' ${describeShape(i.shape)}`).join(', ')}); ` +
            'expected one image input',
        );
      }
      const plan = planInput(inputs[0], options.bands, options.storedSize, options.inputSize);
      const output = options.output === undefined ? outputs[0] : outputs.find((o) => o.name === options.output);
      if (!output)
        throw new OnnxInputError(
          `the model has no output '${options.output}'; its outputs are ` +
            `${outputs.map((o) => `'${o.name}'`).join(', ')}`,
        );
      if (output.type === null || !OUTPUT_TYPES.includes(output.type)) {
        throw new OnnxInputError(
          `output '${output.name}' is ${output.type ?? 'not a tensor'} ` +
            `${describeShape(output.shape)}; expected a float tensor [N, ...]`,
        );
      }
      const usesHalf = plan.type === 'float16' || output.type === 'float16';
      if (usesHalf && !options.half)
        throw new OnnxInputError('the model uses float16 tensors and no float16 codec was given');
      return new OnnxEncoder(
        opened,
        inputs,
        outputs,
        plan,
        output,
        options.half,
        options.normalisation ?? { method: 'asinh' },
        options.storedSize,
      );
    } catch (err) {
      await opened.session.release();
      throw err;
    }
  }

  get provider(): OpenedSession['provider'] {
    return this.opened.provider;
  }

  /** Intra-op threads of the CPU provider (null on an accelerator). */
  get threads(): number | null {
    return this.opened.threads;
  }

  /** The provider in words, with its adapter and the providers passed over. */
  get providerDescription(): string {
    return describeProvider(this.opened);
  }

  /** The embedding's width, once known (before the first batch only when the output's shape fixes it). */
  get dim(): number | null {
    return this.width;
  }

  /** The fixed batch the model demands, or null. */
  get fixedBatch(): number | null {
    return this.plan.fixedBatch;
  }

  /** `count` stored HWC images (float32) → count × dim embedding rows. */
  async encode(hwc: Float32Array, count: number): Promise<Float32Array> {
    const chunk = this.plan.fixedBatch ?? count;
    const storedImage = hwc.length / Math.max(count, 1);
    const parts: Float32Array[] = [];
    for (let start = 0; start < count; start += chunk) {
      const n = Math.min(chunk, count - start);
      // A fixed batch is padded with zeros (the background) and the padding's rows dropped.
      const packed = this.feed.pack(
        hwc.subarray(start * storedImage, (start + n) * storedImage),
        n,
        new Float32Array(chunk * this.feed.imageLength),
      );
      parts.push(await this.runOnce(packed, chunk, n));
    }
    if (parts.length === 1) return parts[0];
    const out = new Float32Array(count * (this.width ?? 0));
    let at = 0;
    for (const part of parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  }

  private async runOnce(packed: Float32Array, fed: number, keep: number): Promise<Float32Array> {
    const data = this.plan.type === 'float16' ? this.half!.encode(packed) : packed;
    const tensor = new ort.Tensor(this.plan.type, data, feedShape(this.plan, fed));
    const results = await this.session.run({ [this.plan.name]: tensor }, [this.output.name]);
    const result = results[this.output.name] as ort.Tensor;
    try {
      if (result.dims[0] !== fed)
        throw new Error(
          `output '${this.output.name}' came back ${describeShape(result.dims)}, not with the batch of ${fed} first`,
        );
      const width = result.dims.slice(1).reduce((a, d) => a * d, 1);
      if (this.width !== null && width !== this.width)
        throw new Error(
          `output '${this.output.name}' came back ${describeShape(result.dims)}: ${width} ` +
            `values per object, not ${this.width}`,
        );
      this.width = width;
      const raw = result.data;
      const values =
        result.type === 'float16'
          ? this.half!.decode(raw as Uint16Array)
          : raw instanceof Float32Array
            ? raw
            : Float32Array.from(raw as Float64Array);
      return values.slice(0, keep * width);
    } finally {
      result.dispose();
      tensor.dispose();
    }
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}
