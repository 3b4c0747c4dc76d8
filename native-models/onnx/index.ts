// native-models/onnx: encoders in ONNX format run with onnxruntime-node, and trained tfjs
// models written as ONNX. onnx-provider.ts picks the execution provider (the list in
// onnx-provider-names.ts) and checks an accelerator against the CPU on first use
// (provider-check.ts); onnx-input-plan.ts reads how a model's input is fed (layout, size,
// type), image-feed.ts resizes and lays out stored images, and onnx-encoder.ts ties them into
// batches of embedding rows. onnx-model-writer.ts writes ONNX files; onnx-graph-builder.ts
// translates tfjs layers, for tfjs-to-onnx.ts (an encoder) and learned-model-to-onnx.ts (a
// learned model's whole encoding, reconstruction error included).
export {
  ONNXRUNTIME_VERSION,
  ONNX_PROVIDERS,
  ProviderUnavailableError,
  describeProvider,
  openSession,
  providerCandidates,
} from './onnx-provider.js';
export type {
  FirstUseCheck,
  ListedProvider,
  OnnxProviderChoice,
  OnnxProviderName,
  OpenSessionOptions,
  OpenedSession,
  SkippedProvider,
} from './onnx-provider.js';
export { ACCELERATORS } from './onnx-provider-names.js';
export { CHECK_RELATIVE_TOLERANCE, listProviderChecks, modelSignature } from './provider-check.js';
export type { OutputDifference, ProviderCheck, ProviderCheckKey, ProviderCheckStore } from './provider-check.js';
export { OnnxInputError, describeShape, feedShape, isDynamic, planInput } from './onnx-input-plan.js';
export type { DeclaredDim, DeclaredTensor, FeedType, InputLayout, InputPlan } from './onnx-input-plan.js';
export { ImageFeed, bilinearAxis, channelAffine } from './image-feed.js';
export type { Normalisation } from './image-feed.js';
export { OnnxEncoder } from './onnx-encoder.js';
export type { HalfCodec, OnnxEncoderOptions } from './onnx-encoder.js';
export { ONNX_FLOAT, ONNX_FLOAT16, ONNX_INT64, onnxModel } from './onnx-model-writer.js';
export type { OnnxGraph, OnnxNode, OnnxTensor, OnnxValue } from './onnx-model-writer.js';
export { EXPORT_INPUT, EXPORT_OUTPUT, convAxis, tfjsEncoderToOnnx } from './tfjs-to-onnx.js';
export { RECONSTRUCTION_ERROR_OUTPUT, learnedModelToOnnx } from './learned-model-to-onnx.js';
