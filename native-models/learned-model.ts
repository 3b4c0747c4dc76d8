// One learned representation, trainable and usable for inference, for any modality that
// has a ModelArchitecture:
// - `autoencoder`: encoder → `dim` → decoder, trained as a denoising autoencoder: from an
//   augmented view it must rebuild the same view before the photometric changes (noise,
//   blur, scaling, reddening, stretch), so its code keeps the shape and drops the
//   nuisances. At inference it reconstructs the stored input itself, and the per-object
//   reconstruction error is an anomaly score of its own.
// - `contrastive`: SimCLR. The encoder and a projection head learn, through NT-Xent, to
//   map two augmented views of an object together; the head is dropped afterwards and the
//   encoder's `dim` outputs, on the unit sphere, are the representation.
import * as tf from '@tensorflow/tfjs';
import type { RandomSource } from './image/astro-augmentations.js';
import type { ModelArchitecture } from './model-architecture.js';
import { architectureFor, type LearnedModelConfig } from './model-config.js';
import { buildProjectionHead } from './seeded-layers.js';
import { ntXentLoss } from './training/nt-xent.js';

export interface EncodedBatch {
  vectors: Float32Array;
  /** Mean squared reconstruction error per object (autoencoder only). */
  reconstructionError: Float32Array | null;
}

export class LearnedModel {
  readonly architecture: ModelArchitecture;
  readonly encoder: tf.LayersModel;
  /** The autoencoder's decoder, or the contrastive model's projection head. */
  readonly trainingHead: tf.LayersModel;
  readonly optimizer: tf.AdamOptimizer;
  private makeView:
    ((src: Float32Array, dst: Float32Array, random: RandomSource, clean?: Float32Array) => void) | null = null;
  private views: Float32Array | null = null;
  private cleanViews: Float32Array | null = null;

  /** Fresh seeded networks, or `saved` ones (loaded from a model folder) to infer with. */
  constructor(
    readonly config: LearnedModelConfig,
    saved?: { encoder: tf.LayersModel; trainingHead: tf.LayersModel },
  ) {
    const { dim, seed } = config;
    this.architecture = architectureFor(config);
    this.encoder = saved?.encoder ?? this.architecture.buildEncoder(dim, seed);
    this.trainingHead =
      saved?.trainingHead ??
      (config.kind === 'autoencoder' ? this.architecture.buildDecoder(dim, seed) : buildProjectionHead(dim, seed));
    this.optimizer = tf.train.adam(config.learningRate);
  }

  get inputLength(): number {
    const [h, w, c] = this.architecture.inputShape;
    return h * w * c;
  }

  private batchTensor(values: Float32Array, count: number): tf.Tensor4D {
    return tf.tensor4d(values.subarray(0, count * this.inputLength), [count, ...this.architecture.inputShape]);
  }

  /** Two augmented views of each of `count` inputs: rows i and i+count view input i. */
  private contrastiveViews(batch: Float32Array, count: number, random: RandomSource): Float32Array {
    const length = this.inputLength;
    this.makeView ??= this.architecture.viewMaker();
    if (!this.views || this.views.length < 2 * count * length) this.views = new Float32Array(2 * count * length);
    for (let copy = 0; copy < 2; copy++) {
      for (let i = 0; i < count; i++) {
        const src = batch.subarray(i * length, (i + 1) * length);
        const at = (copy * count + i) * length;
        this.makeView(src, this.views.subarray(at, at + length), random);
      }
    }
    return this.views;
  }

  /** One view of each of `count` inputs, and the same views before photometric changes (the autoencoder's targets). */
  private denoisingPairs(
    batch: Float32Array,
    count: number,
    random: RandomSource,
  ): { views: Float32Array; clean: Float32Array } {
    const length = this.inputLength;
    this.makeView ??= this.architecture.viewMaker();
    if (!this.views || this.views.length < count * length) this.views = new Float32Array(count * length);
    if (!this.cleanViews || this.cleanViews.length < count * length) this.cleanViews = new Float32Array(count * length);
    for (let i = 0; i < count; i++) {
      const at = i * length;
      this.makeView(
        batch.subarray(at, at + length),
        this.views.subarray(at, at + length),
        random,
        this.cleanViews.subarray(at, at + length),
      );
    }
    return { views: this.views, clean: this.cleanViews };
  }

  /** One optimiser step on `count` inputs (HWC rows of `batch`); resolves to the loss. */
  async trainStep(batch: Float32Array, count: number, random: RandomSource): Promise<number> {
    const kind = this.config.kind;
    let input: tf.Tensor4D;
    let target: tf.Tensor4D | null = null;
    if (kind === 'contrastive') {
      input = this.batchTensor(this.contrastiveViews(batch, count, random), 2 * count);
    } else {
      const pairs = this.denoisingPairs(batch, count, random);
      input = this.batchTensor(pairs.views, count);
      target = this.batchTensor(pairs.clean, count);
    }
    const variables = [...this.encoder.trainableWeights, ...this.trainingHead.trainableWeights].map(
      (w) => w.read() as tf.Variable,
    );
    const loss = this.optimizer.minimize(
      () => {
        const code = this.encoder.apply(input, { training: true }) as tf.Tensor;
        const out = this.trainingHead.apply(code, { training: true }) as tf.Tensor;
        return target ? tf.mean(this.architecture.reconstructionError(target, out)) : ntXentLoss(out as tf.Tensor2D);
      },
      true,
      variables,
    );
    input.dispose();
    target?.dispose();
    if (!loss) throw new Error('the optimiser returned no loss');
    const value = (await loss.data())[0];
    loss.dispose();
    return value;
  }

  /** Representations (and, for the autoencoder, reconstruction errors) of `count` inputs. */
  async encode(batch: Float32Array, count: number): Promise<EncodedBatch> {
    const input = this.batchTensor(batch, count);
    // Contrastive representations are compared by cosine in training (NT-Xent), so they are
    // stored on the unit sphere, where Euclidean neighbours are cosine neighbours.
    const code = tf.tidy(() => {
      const raw = this.encoder.predict(input) as tf.Tensor;
      return this.config.kind === 'contrastive' ? tf.div(raw, tf.add(tf.norm(raw, 'euclidean', 1, true), 1e-12)) : raw;
    });
    let error: tf.Tensor | null = null;
    if (this.config.kind === 'autoencoder') {
      error = tf.tidy(() => {
        const out = this.trainingHead.predict(code) as tf.Tensor;
        return this.architecture.reconstructionError(input, out);
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
