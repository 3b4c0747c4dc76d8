// A trained tfjs encoder as an ONNX graph, so the encoder a workspace learned runs in any
// ONNX runtime, and back through `embed --model`: the same NHWC input as the tfjs model,
// named `pixels`, and its flat output, named `embedding`. The layers are translated by
// onnx-graph-builder.ts, which refuses by name any layer it cannot export.
import type * as tf from '@tensorflow/tfjs';
import { onnxModel } from './onnx-model-writer.js';
import { OnnxGraphBuilder } from './onnx-graph-builder.js';

export { convAxis } from './onnx-graph-builder.js';

export const EXPORT_INPUT = 'pixels';
export const EXPORT_OUTPUT = 'embedding';

/** The encoder's fixed input side, [H, W, C]; refuses any other input. */
export function imageInputShape(model: tf.LayersModel): [number, number, number] {
  if (model.inputs.length !== 1 || model.outputs.length !== 1)
    throw new Error(
      `only single-input, single-output encoders export; this one has ${model.inputs.length} ` +
        `and ${model.outputs.length}`,
    );
  const inputShape = model.inputs[0].shape;
  if (inputShape.length !== 4 || inputShape.slice(1).some((d) => d === null))
    throw new Error(`the encoder's input is [${inputShape.join(', ')}]; export needs [N, H, W, C] with fixed H, W, C`);
  return inputShape.slice(1) as [number, number, number];
}

/** The encoder's layers into `graph`, ending flat; the running tensor is then the embedding. */
export function addEncoder(graph: OnnxGraphBuilder, model: tf.LayersModel): void {
  graph.addLayers(model);
  if (graph.layout !== 'flat') throw new Error('the encoder does not end in a flat representation (flatten, dense)');
}

/** The ONNX bytes of `model`: input [N, H, W, C] float32 named `pixels`, output [N, D] named `embedding`. */
export function tfjsEncoderToOnnx(model: tf.LayersModel): Uint8Array {
  const shape = imageInputShape(model);
  const graph = new OnnxGraphBuilder(EXPORT_INPUT, shape);
  addEncoder(graph, model);
  graph.rename(graph.current, EXPORT_OUTPUT);
  return onnxModel(
    {
      name: model.name,
      nodes: graph.nodes,
      initializers: graph.initializers,
      inputs: [{ name: EXPORT_INPUT, shape: ['N', ...shape] }],
      outputs: [{ name: EXPORT_OUTPUT, shape: ['N', graph.flatWidth] }],
    },
    'serendip',
  );
}
