// Embeddings that need no GPU: classical morphology features and PCA of the model-input
// pixels, computed over a workspace's stored model inputs in streamed batches on worker
// threads, and stored as runs (embeddings/<run>.npy + <run>.ids.npy).
export { runEmbedding, type EmbeddingRunOptions, type EmbeddingRunResult, type FastEmbeddingMethod } from './embedding-run.js';
export {
  FEATURE_NAMES,
  featureCount,
  featureNames,
  morphologyFeatures,
  morphologyFeaturesOfHalfRows,
} from './morphology/morphology-features.js';
export { ModelInputReader, decodeBatch, imageInputStores, samplePositions, type ModelInputBatch } from './model-input-batches.js';
export { centreRows, fitRandomisedPca, type PcaModel, type SampleProducts } from './pca/pca.js';
export {
  robustStandardise,
  robustColumnScaling,
  applyColumnScaling,
  type ColumnScaling,
} from './morphology/standardise.js';
