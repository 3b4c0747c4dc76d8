// One learned image representation, trainable and usable for inference:
// - `autoencoder`: encoder → `dim` → decoder, trained to reconstruct its input (mean
//   squared error); the per-object reconstruction error is an anomaly score of its own.
// - `contrastive`: SimCLR. The encoder and a projection head learn, through NT-Xent, to
//   map two augmented views of a galaxy together; the head is dropped afterwards and the
//   encoder's `dim` outputs are the representation.
import * as tf from '@tensorflow/tfjs';
import { AugmentationScratch, augmentView, type RandomSource } from './astro-augmentations.js';
import { buildImageDecoder, buildImageEncoder, buildProjectionHead, type ImageGeometry } from './image-networks.js';
import { ntXentLoss } from '../training/nt-xent.js';

export const IMAGE_MODEL_KINDS = ['autoencoder', 'contrastive'] as const;
export type ImageModelKind = (typeof IMAGE_MODEL_KINDS)[number];

export interface ImageModelConfig {
  kind: ImageModelKind;
  geometry: ImageGeometry;
  dim: number;
  seed: number;
  learningRate: number;
}

export interface EncodedBatch {
  vectors: Float32Array;
  /** Mean squared reconstruction error per object (autoencoder only). */
  reconstructionError: Float32Array | null;
}

export class ImageModel {
  readonly encoder: tf.LayersModel;
  /** The autoencoder's decoder, or the contrastive model's projection head. */
  readonly trainingHead: tf.LayersModel;
  readonly optimizer: tf.AdamOptimizer;
  private scratch: AugmentationScratch | null = null;
  private views: Float32Array | null = null;

  /** Fresh seeded networks, or `saved` ones (loaded from a model folder) to infer with. */
  constructor(
    readonly config: ImageModelConfig,
    saved?: { encoder: tf.LayersModel; trainingHead: tf.LayersModel },
  ) {
    const { geometry, dim, seed } = config;
    this.encoder = saved?.encoder ?? buildImageEncoder(geometry, dim, seed);
    this.trainingHead = saved?.trainingHead ?? (config.kind === 'autoencoder' ? buildImageDecoder(geometry, dim, seed) : buildProjectionHead(dim, seed));
    this.optimizer = tf.train.adam(config.learningRate);
  }

  get inputLength(): number {
    const { size, bands } = this.config.geometry;
    return size * size * bands;
  }

  private batchTensor(values: Float32Array, count: number): tf.Tensor4D {
    const { size, bands } = this.config.geometry;
    return tf.tensor4d(values.subarray(0, count * this.inputLength), [count, size, size, bands]);
  }

  /** Two augmented views of each of `count` inputs: rows i and i+count view input i. */
  private contrastiveViews(batch: Float32Array, count: number, random: RandomSource): Float32Array {
    const length = this.inputLength;
    const { size, bands } = this.config.geometry;
    this.scratch ??= new AugmentationScratch(size, bands);
    if (!this.views || this.views.length < 2 * count * length) this.views = new Float32Array(2 * count * length);
    for (let copy = 0; copy < 2; copy++) {
      for (let i = 0; i < count; i++) {
        const src = batch.subarray(i * length, (i + 1) * length);
        const at = (copy * count + i) * length;
        augmentView(src, this.views.subarray(at, at + length), this.scratch, random);
      }
    }
    return this.views;
  }

  /** One optimiser step on `count` inputs (HWC rows of `batch`); resolves to the loss. */
  async trainStep(batch: Float32Array, count: number, random: RandomSource): Promise<number> {
    const kind = this.config.kind;
    const input = kind === 'contrastive' ? this.batchTensor(this.contrastiveViews(batch, count, random), 2 * count) : this.batchTensor(batch, count);
    const variables = [...this.encoder.trainableWeights, ...this.trainingHead.trainableWeights].map((w) => w.read() as tf.Variable);
    const loss = this.optimizer.minimize(
      () => {
        const code = this.encoder.apply(input, { training: true }) as tf.Tensor;
        const out = this.trainingHead.apply(code, { training: true }) as tf.Tensor;
        return kind === 'autoencoder' ? (tf.losses.meanSquaredError(input, out) as tf.Scalar) : ntXentLoss(out as tf.Tensor2D);
      },
      true,
      variables,
    );
    input.dispose();
    if (!loss) throw new Error('the optimiser returned no loss');
    const value = (await loss.data())[0];
    loss.dispose();
    return value;
  }

  /** Representations (and, for the autoencoder, reconstruction errors) of `count` inputs. */
  async encode(batch: Float32Array, count: number): Promise<EncodedBatch> {
    const input = this.batchTensor(batch, count);
    const code = this.encoder.predict(input) as tf.Tensor;
    let error: tf.Tensor | null = null;
    if (this.config.kind === 'autoencoder') {
      error = tf.tidy(() => {
        const out = this.trainingHead.predict(code) as tf.Tensor;
        return tf.mean(tf.squaredDifference(out, input), [1, 2, 3]);
      });
    }
    input.dispose();
    // Read back outside tidy(): a data read inside tidy() measured far slower on wasm.
    const vectors = (await code.data()) as Float32Array;
    code.dispose();
    const reconstructionError = error ? ((await error.data()) as Float32Array) : null;
    error?.dispose();
    return { vectors, reconstructionError };
  }

  dispose(): void {
    this.encoder.dispose();
    this.trainingHead.dispose();
    this.optimizer.dispose();
  }
}
