// A learned model (learned-model.ts) as one ONNX graph that computes what its `encode`
// computes, so a run can encode through onnxruntime instead of tfjs and get the same numbers:
// - `embedding` [N, dim]: the encoder's output; a contrastive model's on the unit sphere
//   (divided by its norm + 1e-12, as LearnedModel.encode does);
// - `reconstruction_error` [N] (autoencoder only): the decoder runs in the same graph and
//   the per-object error is taken there, so only N numbers come back from a GPU. It mirrors
//   the architectures' `reconstructionError`: images, the mean squared difference over every
//   value (image-architecture.ts); spectra, over the good bins of the flux channel only
//   (maskedFluxError, spectrum-architecture.ts). Tests hold the two to 1e-4.
// - `reconstruction` (autoencoder, when asked for): the decoder's NHWC output itself, which
//   `explain` draws beside the input with their difference. Encoding does not ask: an extra output
//   would come back from a GPU for every batch, and change the model its provider checks know.
import type * as tf from '@tensorflow/tfjs';
import type { LearnedModelConfig } from '../model-config.js';
import { onnxModel } from './onnx-model-writer.js';
import { OnnxGraphBuilder } from './onnx-graph-builder.js';
import { EXPORT_INPUT, EXPORT_OUTPUT, addEncoder, imageInputShape } from './tfjs-to-onnx.js';

export const RECONSTRUCTION_ERROR_OUTPUT = 'reconstruction_error';
export const RECONSTRUCTION_OUTPUT = 'reconstruction';

const ALL_BUT_BATCH = [1, 2, 3];

const int64 = (values: number[]): BigInt64Array => BigInt64Array.from(values, BigInt);

/** Divides the running [N, D] tensor by its L2 norm (+ 1e-12) along D. */
function unitSphere(graph: OnnxGraphBuilder): void {
  const raw = graph.current;
  const norm = graph.step('ReduceL2', [raw], { axes: [1], keepdims: 1 });
  const epsilon = graph.constant('norm_epsilon', [1], Float32Array.of(1e-12));
  graph.step('Div', [raw, graph.step('Add', [norm, epsilon])]);
}

/** Per-object error of the decoder's NHWC output `decoded` against the graph's input, as the modality defines it. */
function reconstructionError(graph: OnnxGraphBuilder, config: LearnedModelConfig, decoded: string): string {
  if (config.modality === 'image') {
    const difference = graph.step('Sub', [decoded, EXPORT_INPUT]);
    const squared = graph.step('Mul', [difference, difference]);
    return graph.step('ReduceMean', [squared], { axes: ALL_BUT_BATCH, keepdims: 0 });
  }
  // Spectra: channel 0 is the flux, channel 1 (when present) the good-bin mask.
  const channel = (c: number): string =>
    graph.step('Slice', [
      EXPORT_INPUT,
      graph.constant(`channel_${c}_start`, [1], int64([c])),
      graph.constant(`channel_${c}_end`, [1], int64([c + 1])),
      graph.constant(`channel_${c}_axis`, [1], int64([3])),
    ]);
  const difference = graph.step('Sub', [decoded, channel(0)]);
  let squared = graph.step('Mul', [difference, difference]);
  if (config.geometry.channels < 2) return graph.step('ReduceMean', [squared], { axes: ALL_BUT_BATCH, keepdims: 0 });
  const mask = channel(1);
  squared = graph.step('Mul', [squared, mask]);
  const axes = graph.constant('error_axes', [3], int64(ALL_BUT_BATCH));
  const total = graph.step('ReduceSum', [squared, axes], { keepdims: 0 });
  const good = graph.step('ReduceSum', [mask, axes], { keepdims: 0 });
  const atLeastOne = graph.step('Max', [good, graph.constant('one_bin', [1], Float32Array.of(1))]);
  return graph.step('Div', [total, atLeastOne]);
}

/**
 * The ONNX bytes of a learned model: input `pixels` [N, ...inputShape] float32 (NHWC, the stored model inputs),
 * outputs `embedding` [N, dim] and, for an autoencoder, `reconstruction_error` [N] and, with `reconstruction`
 * set, `reconstruction` [N, height, width, channels]. `head` is the autoencoder's decoder; a contrastive model's
 * projection head is not used at inference and is not needed.
 */
export function learnedModelToOnnx(
  config: LearnedModelConfig,
  encoder: tf.LayersModel,
  head?: tf.LayersModel,
  { reconstruction = false }: { reconstruction?: boolean } = {},
): Uint8Array {
  const shape = imageInputShape(encoder);
  const graph = new OnnxGraphBuilder(EXPORT_INPUT, shape);
  addEncoder(graph, encoder);
  const code = graph.current;
  const outputs = [{ name: EXPORT_OUTPUT, shape: ['N', graph.flatWidth] as (string | number)[] }];
  if (config.kind === 'contrastive') {
    unitSphere(graph);
    graph.rename(graph.current, EXPORT_OUTPUT);
  } else {
    if (!head) throw new Error("an autoencoder's export needs its decoder");
    graph.rename(code, EXPORT_OUTPUT);
    graph.addLayers(head);
    graph.toNhwc();
    const decoded = graph.current;
    graph.rename(reconstructionError(graph, config, decoded), RECONSTRUCTION_ERROR_OUTPUT);
    outputs.push({ name: RECONSTRUCTION_ERROR_OUTPUT, shape: ['N'] });
    if (reconstruction) {
      graph.rename(decoded, RECONSTRUCTION_OUTPUT);
      outputs.push({ name: RECONSTRUCTION_OUTPUT, shape: ['N', 'height', 'width', 'channels'] });
    }
  }
  return onnxModel(
    {
      name: `${config.modality} ${config.kind}`,
      nodes: graph.nodes,
      initializers: graph.initializers,
      inputs: [{ name: EXPORT_INPUT, shape: ['N', ...shape] }],
      outputs,
    },
    'serendip',
  );
}
