// UMAP layout for the map: computeUmapLayout turns a kNN graph into 2-D coordinates the way
// umap-learn does, on typed arrays and worker threads; trustworthiness measures how well a
// layout keeps neighbourhoods. The other modules here are its stages.
export { computeUmapLayout, PARALLEL_MIN_POINTS, type UmapLayoutOptions } from './umap-layout.js';
export { trustworthiness } from './trustworthiness.js';
export { fitCurveParameters, type CurveParameters } from './curve-fit.js';
