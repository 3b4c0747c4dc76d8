// The four models a fitted file holds, as typed objects, and their encoding in the container
// (fitted-file.ts). Each records what it applies to, so a mismatch is refused before any work:
// an embedding model (pca, features) the model-input geometry it was fitted on; a model of
// embeddings (forest, reference) the identity and width of the embedding (embedding-identity.ts).
import type { IsolationForestArrays } from '../anomaly/isolation-forest-format.js';
import { validateForestArrays } from '../anomaly/isolation-forest-format.js';
import { FittedFileError, decodeFittedFile, encodeFittedFile, type DecodedFittedFile } from './fitted-file.js';

/** Every kind of fitted file, and so every `params.fitted.kind` a run records. */
export const FITTED_KINDS = ['pca', 'features', 'forest', 'reference'] as const;
export type FittedKind = (typeof FITTED_KINDS)[number];

/** The run a model was exported from. */
export interface FittedSource {
  run: string;
  kind: string;
  method: string;
  modality: string | null;
  created: string;
}

/** The model inputs an embedding model reads: the store's layout, and the ingest crop when known. */
export interface InputGeometry {
  store: string;
  size: number;
  bands: number;
  /** The ingest runs' crop; null when unknown or mixed. */
  crop: number | null;
}

/** Which embedding a model of embeddings applies to: vectors made by the same fixed model (embedding-identity.ts). */
export interface EmbeddingIdentity {
  /** What makes the vectors: 'onnx', a fitted kind ('pca', 'features'), or 'imported'. */
  kind: string;
  sha256: string;
  method: string;
  modality: string | null;
  dim: number;
}

export interface PcaFit {
  kind: 'pca';
  source: FittedSource;
  input: InputGeometry;
  /** Pixel bin of the vectors (pca/pixel-vectors.ts). */
  bin: number;
  pixelDim: number;
  components: number;
  mean: Float32Array;
  /** components × pixelDim, row-major. */
  componentsT: Float32Array;
  explainedVarianceRatio: number[];
}

export interface FeaturesFit {
  kind: 'features';
  source: FittedSource;
  input: InputGeometry;
  names: string[];
  clip: number;
  centre: Float64Array;
  scale: Float64Array;
}

export interface ForestFit {
  kind: 'forest';
  source: FittedSource;
  embedding: EmbeddingIdentity;
  forest: IsolationForestArrays;
}

export interface ReferenceFit {
  kind: 'reference';
  source: FittedSource;
  embedding: EmbeddingIdentity;
  /** Reference points each object is placed among, and UMAP's curve (1 / (1 + a·d^2b)). */
  neighbours: number;
  minDist: number;
  spread: number;
  a: number;
  b: number;
  points: number;
  /** How objects are placed (umap/reference-placement.ts): fixed by the file, so every workspace places alike. */
  epochs: number;
  seed: number;
  /** points × embedding.dim, and points × 2: the reference objects' vectors and map positions. */
  vectors: Float32Array;
  coords: Float32Array;
}

export type FittedModel = PcaFit | FeaturesFit | ForestFit | ReferenceFit;

export function encodeFittedModel(model: FittedModel): Uint8Array {
  const { kind, source } = model;
  switch (model.kind) {
    case 'pca':
      return encodeFittedFile(
        {
          kind,
          source,
          input: model.input,
          output_dim: model.components,
          model: {
            bin: model.bin,
            pixel_dim: model.pixelDim,
            components: model.components,
            explained_variance_ratio: model.explainedVarianceRatio,
          },
        },
        [
          { name: 'mean', array: model.mean, shape: [model.pixelDim] },
          { name: 'components', array: model.componentsT, shape: [model.components, model.pixelDim] },
        ],
      );
    case 'features':
      return encodeFittedFile(
        {
          kind,
          source,
          input: model.input,
          output_dim: model.names.length,
          model: { standardise: 'median-iqr', clip: model.clip, names: model.names },
        },
        [
          { name: 'centre', array: model.centre, shape: [model.names.length] },
          { name: 'scale', array: model.scale, shape: [model.names.length] },
        ],
      );
    case 'forest': {
      const f = model.forest;
      const trees = f.treeOffsets.length - 1;
      const nodes = f.feature.length;
      return encodeFittedFile(
        {
          kind,
          source,
          embedding: model.embedding,
          model: { trees, nodes, sample_size: f.sampleSize, dim: f.dim },
        },
        [
          { name: 'threshold', array: f.threshold, shape: [nodes] },
          { name: 'tree_offsets', array: f.treeOffsets, shape: [trees + 1] },
          { name: 'feature', array: f.feature, shape: [nodes] },
          { name: 'left_child', array: f.leftChild, shape: [nodes] },
          { name: 'node_size', array: f.nodeSize, shape: [nodes] },
        ],
      );
    }
    case 'reference':
      return encodeFittedFile(
        {
          kind,
          source,
          embedding: model.embedding,
          model: {
            points: model.points,
            neighbours: model.neighbours,
            min_dist: model.minDist,
            spread: model.spread,
            a: model.a,
            b: model.b,
            epochs: model.epochs,
            seed: model.seed,
          },
        },
        [
          { name: 'vectors', array: model.vectors, shape: [model.points, model.embedding.dim] },
          { name: 'coords', array: model.coords, shape: [model.points, 2] },
        ],
      );
  }
}

/** Field readers that refuse a header not written by export-fitted. */
class HeaderReader {
  constructor(private readonly what: string) {}

  fail(why: string): never {
    throw new FittedFileError(`${this.what} is a damaged fitted model: ${why}`);
  }

  object(value: unknown, name: string): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(`no ${name}`);
    return value as Record<string, unknown>;
  }

  number(value: unknown, name: string, check: (n: number) => boolean = Number.isFinite): number {
    if (typeof value !== 'number' || !check(value)) this.fail(`${name} is ${JSON.stringify(value)}`);
    return value as number;
  }

  count(value: unknown, name: string): number {
    return this.number(value, name, (n) => Number.isSafeInteger(n) && n >= 1);
  }

  string(value: unknown, name: string): string {
    if (typeof value !== 'string') this.fail(`${name} is ${JSON.stringify(value)}`);
    return value as string;
  }

  block<T extends Float32Array | Float64Array | Int32Array>(
    file: DecodedFittedFile,
    name: string,
    type: new (length: number) => T,
    shape: number[],
  ): T {
    const block = file.blocks.get(name);
    if (!block || !(block.array instanceof type)) this.fail(`no ${type.name} block ${name}`);
    if (block!.shape.length !== shape.length || block!.shape.some((n, i) => n !== shape[i]))
      this.fail(`block ${name} is [${block!.shape.join(', ')}], expected [${shape.join(', ')}]`);
    return block!.array as T;
  }

  source(value: unknown): FittedSource {
    const s = this.object(value, 'source');
    const modality = s.modality === null ? null : this.string(s.modality, 'source.modality');
    return {
      run: this.string(s.run, 'source.run'),
      kind: this.string(s.kind, 'source.kind'),
      method: this.string(s.method, 'source.method'),
      modality,
      created: this.string(s.created, 'source.created'),
    };
  }

  input(value: unknown): InputGeometry {
    const g = this.object(value, 'input');
    const crop = g.crop === null ? null : this.number(g.crop, 'input.crop', (n) => n > 0 && n <= 1);
    return {
      store: this.string(g.store, 'input.store'),
      size: this.count(g.size, 'size'),
      bands: this.count(g.bands, 'bands'),
      crop,
    };
  }

  embedding(value: unknown): EmbeddingIdentity {
    const e = this.object(value, 'embedding');
    return {
      kind: this.string(e.kind, 'embedding.kind'),
      sha256: this.string(e.sha256, 'embedding.sha256'),
      method: this.string(e.method, 'embedding.method'),
      modality: e.modality === null ? null : this.string(e.modality, 'embedding.modality'),
      dim: this.count(e.dim, 'embedding.dim'),
    };
  }
}

/** Decodes and checks a fitted file; `what` names it in errors (its path). */
export function decodeFittedModel(bytes: Uint8Array, what: string): { model: FittedModel; sha256: string } {
  const file = decodeFittedFile(bytes, what);
  const r = new HeaderReader(what);
  const h = file.header;
  const m = r.object(h.model, 'model');
  const source = r.source(h.source);
  switch (h.kind) {
    case 'pca': {
      const pixelDim = r.count(m.pixel_dim, 'pixel_dim');
      const components = r.count(m.components, 'components');
      const ratios = Array.isArray(m.explained_variance_ratio) ? m.explained_variance_ratio : [];
      const model: PcaFit = {
        kind: 'pca',
        source,
        input: r.input(h.input),
        bin: r.count(m.bin, 'bin'),
        pixelDim,
        components,
        mean: r.block(file, 'mean', Float32Array, [pixelDim]),
        componentsT: r.block(file, 'components', Float32Array, [components, pixelDim]),
        explainedVarianceRatio: ratios.map((v, i) => r.number(v, `explained_variance_ratio[${i}]`)),
      };
      return { model, sha256: file.sha256 };
    }
    case 'features': {
      const names = Array.isArray(m.names) ? m.names.map((n, i) => r.string(n, `names[${i}]`)) : r.fail('no names');
      const model: FeaturesFit = {
        kind: 'features',
        source,
        input: r.input(h.input),
        names,
        clip: r.number(m.clip, 'clip', (n) => n > 0),
        centre: r.block(file, 'centre', Float64Array, [names.length]),
        scale: r.block(file, 'scale', Float64Array, [names.length]),
      };
      return { model, sha256: file.sha256 };
    }
    case 'forest': {
      const trees = r.count(m.trees, 'trees');
      const nodes = r.count(m.nodes, 'nodes');
      const forest: IsolationForestArrays = {
        dim: r.count(m.dim, 'dim'),
        sampleSize: r.count(m.sample_size, 'sample_size'),
        threshold: r.block(file, 'threshold', Float64Array, [nodes]),
        treeOffsets: r.block(file, 'tree_offsets', Int32Array, [trees + 1]),
        feature: r.block(file, 'feature', Int32Array, [nodes]),
        leftChild: r.block(file, 'left_child', Int32Array, [nodes]),
        nodeSize: r.block(file, 'node_size', Int32Array, [nodes]),
      };
      try {
        validateForestArrays(forest);
      } catch (err) {
        r.fail((err as Error).message);
      }
      const embedding = r.embedding(h.embedding);
      if (embedding.dim !== forest.dim) r.fail(`the forest splits ${forest.dim}-d vectors, not ${embedding.dim}-d`);
      return { model: { kind: 'forest', source, embedding, forest }, sha256: file.sha256 };
    }
    case 'reference': {
      const embedding = r.embedding(h.embedding);
      const points = r.count(m.points, 'points');
      const model: ReferenceFit = {
        kind: 'reference',
        source,
        embedding,
        neighbours: r.count(m.neighbours, 'neighbours'),
        minDist: r.number(m.min_dist, 'min_dist'),
        spread: r.number(m.spread, 'spread'),
        a: r.number(m.a, 'a', (n) => n > 0),
        b: r.number(m.b, 'b', (n) => n > 0),
        points,
        epochs: r.count(m.epochs, 'epochs'),
        seed: r.number(m.seed, 'seed', (n) => Number.isSafeInteger(n) && n >= 0),
        vectors: r.block(file, 'vectors', Float32Array, [points, embedding.dim]),
        coords: r.block(file, 'coords', Float32Array, [points, 2]),
      };
      return { model, sha256: file.sha256 };
    }
    default:
      throw new FittedFileError(
        `${what} holds a fitted model of kind ${JSON.stringify(h.kind)}, which this Serendip does not know`,
      );
  }
}
