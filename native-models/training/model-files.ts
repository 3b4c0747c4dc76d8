// A tfjs layers model as the two files of tfjs's own format (model.json with the topology
// and weights manifest, and weights.bin), so a saved model loads unchanged in tfjs,
// tfjs-node's file:// loader or the tensorflowjs converter. Only the bytes are produced
// here; the caller writes them (atomically) where it wants.
import * as tf from '@tensorflow/tfjs';
import { MODEL_JSON, MODEL_WEIGHTS, type ModelFiles } from './model-file-layout.js';

function concatenated(data: tf.io.WeightData | undefined): Uint8Array {
  if (data === undefined) return new Uint8Array(0);
  const buffers = Array.isArray(data) ? data : [data];
  const total = buffers.reduce((n, b) => n + b.byteLength, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const buffer of buffers) {
    out.set(new Uint8Array(buffer), at);
    at += buffer.byteLength;
  }
  return out;
}

export async function modelToFiles(model: tf.LayersModel): Promise<ModelFiles> {
  let saved: tf.io.ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const artifacts = saved as tf.io.ModelArtifacts | null;
  if (!artifacts) throw new Error('tfjs did not hand over the model to save');
  const json = {
    format: artifacts.format ?? 'layers-model',
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy ?? null,
    modelTopology: artifacts.modelTopology,
    weightsManifest: [{ paths: [`./${MODEL_WEIGHTS}`], weights: artifacts.weightSpecs ?? [] }],
  };
  return { json: JSON.stringify(json), weights: concatenated(artifacts.weightData) };
}

export async function modelFromFiles(files: ModelFiles): Promise<tf.LayersModel> {
  const parsed = JSON.parse(files.json) as {
    modelTopology?: object;
    weightsManifest?: { weights: tf.io.WeightsManifestEntry[] }[];
  };
  if (!parsed.modelTopology || !parsed.weightsManifest)
    throw new Error(`${MODEL_JSON} is not a tfjs layers model (no topology or weights manifest)`);
  const weightSpecs = parsed.weightsManifest.flatMap((group) => group.weights);
  const weightData = files.weights.buffer.slice(
    files.weights.byteOffset,
    files.weights.byteOffset + files.weights.byteLength,
  ) as ArrayBuffer;
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: parsed.modelTopology, weightSpecs, weightData }));
}
