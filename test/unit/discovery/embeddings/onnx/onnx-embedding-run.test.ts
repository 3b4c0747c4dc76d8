// `embed --model` end to end on a small workspace with models the test writes itself: NCHW
// and NHWC inputs with a dynamic batch give the embedding a direct JS computation gives;
// resizing to a model's side, a fixed batch (padded), a named output and mean/std
// normalisation do too; the model is copied into the workspace with its provenance and the
// run names it by hash; a model that cannot be fed is refused before any run is recorded.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readNpyFile } from '../../../../../electron/core/formats/arrays/npy.js';
import { getRun, listRuns } from '../../../../../electron/core/workspace/repositories/runs-repo.js';
import {
  runOnnxEmbedding,
  type OnnxEmbeddingOptions,
} from '../../../../../electron/core/discovery/embeddings/onnx/onnx-embedding-run.js';
import type { Workspace } from '../../../../../electron/core/workspace/workspace.js';
import {
  ONNX_INT64,
  convEncoderModel,
  denseEncode,
  denseEncoderModel,
  onnxModel,
  passThroughModel,
  type EncoderSpec,
} from '../../../../helpers/onnx-model-builder.js';
import { onnxTestWorkspace } from '../../../../helpers/onnx-workspace.js';
import { useTempDir } from '../../../../helpers/temp-dir.js';

const SIZE = 16;
const BANDS = 3;
const OBJECTS = 23;
const tempDir = useTempDir('serendip-onnx-');

function modelFile(bytes: Uint8Array, name = 'encoder.onnx'): string {
  const path = join(tempDir(), name);
  writeFileSync(path, bytes);
  return path;
}

/** Bilinear sample with half-pixel centres, clamped, written out directly as the reference. */
function resizeHwc(image: Float32Array, from: number, to: number, bands: number): Float32Array {
  const out = new Float32Array(to * to * bands);
  const pos = (o: number) => Math.min(Math.max(((o + 0.5) * from) / to - 0.5, 0), from - 1);
  for (let y = 0; y < to; y++) {
    for (let x = 0; x < to; x++) {
      const sy = pos(y),
        sx = pos(x);
      const y0 = Math.floor(sy),
        x0 = Math.floor(sx),
        y1 = Math.min(y0 + 1, from - 1),
        x1 = Math.min(x0 + 1, from - 1);
      for (let c = 0; c < bands; c++) {
        const at = (yy: number, xx: number) => image[(yy * from + xx) * bands + c];
        const fy = sy - y0,
          fx = sx - x0;
        out[(y * to + x) * bands + c] =
          (1 - fy) * ((1 - fx) * at(y0, x0) + fx * at(y0, x1)) + fy * ((1 - fx) * at(y1, x0) + fx * at(y1, x1));
      }
    }
  }
  return out;
}

function toChw(hwc: Float32Array, size: number, bands: number): Float32Array {
  const out = new Float32Array(hwc.length);
  for (let i = 0; i < size * size; i++) for (let c = 0; c < bands; c++) out[c * size * size + i] = hwc[i * bands + c];
  return out;
}

/** The dense encoder computed in JS over every stored object, after resizing and normalising. */
function expected(
  stored: Float32Array,
  spec: EncoderSpec,
  normalise: (v: number, c: number) => number = (v) => v,
): Float32Array {
  const rowLength = SIZE * SIZE * BANDS;
  const out = new Float32Array(OBJECTS * spec.dim);
  for (let i = 0; i < OBJECTS; i++) {
    let image: Float32Array = stored.slice(i * rowLength, (i + 1) * rowLength);
    if (spec.size !== SIZE) image = resizeHwc(image, SIZE, spec.size, BANDS);
    image = image.map((v, k) => normalise(v, k % BANDS));
    out.set(denseEncode(spec, toChw(image, spec.size, BANDS)), i * spec.dim);
  }
  return out;
}

function embeddingOf(workspace: Workspace, runId: string): { data: Float32Array; shape: number[]; ids: number[] } {
  const array = readNpyFile(join(workspace.paths.embeddings, `${runId}.npy`));
  const ids = readNpyFile(join(workspace.paths.embeddings, `${runId}.ids.npy`)).data as BigInt64Array;
  return { data: array.data as Float32Array, shape: array.shape, ids: Array.from(ids, Number) };
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

const BASE: Partial<OnnxEmbeddingOptions> = { provider: 'cpu', batchSize: 8 };

describe('runOnnxEmbedding', () => {
  it('embeds through NCHW and NHWC models with a dynamic batch, as a direct computation does', async () => {
    const { workspace, stored } = onnxTestWorkspace(tempDir(), OBJECTS, SIZE, BANDS);
    const want = expected(stored, { layout: 'nchw', size: SIZE, bands: BANDS, dim: 6 });
    for (const layout of ['nchw', 'nhwc'] as const) {
      const spec: EncoderSpec = { layout, size: SIZE, bands: BANDS, dim: 6 };
      const bytes = denseEncoderModel(spec);
      const path = modelFile(bytes, `dense-${layout}.onnx`);
      const provider: string[] = [];
      const result = await runOnnxEmbedding(workspace, { ...BASE, model: path, onProvider: (p) => provider.push(p) });
      expect(result).toMatchObject({ count: OBJECTS, dim: 6, provider: 'cpu' });
      expect(provider[0]).toMatch(/^onnxruntime cpu \(\d+ threads\)/);
      const embedding = embeddingOf(workspace, result.runId);
      expect(embedding.shape).toEqual([OBJECTS, 6]);
      expect(embedding.ids).toEqual(Array.from({ length: OBJECTS }, (_, i) => i + 1));
      expect(maxAbsDiff(embedding.data, want)).toBeLessThan(1e-4);

      const sha = createHash('sha256').update(bytes).digest('hex');
      expect(result.modelSha256).toBe(sha);
      const run = getRun(workspace.db, result.runId)!;
      expect(run).toMatchObject({ kind: 'embedding', method: 'onnx', modality: 'image', status: 'done' });
      const params = JSON.parse(run.params);
      expect(params).toMatchObject({
        store: `image-${SIZE}x${SIZE}x${BANDS}.npy`,
        objects: OBJECTS,
        dim: 6,
        provider: 'cpu',
        resize: 'none',
        model: { file_name: `dense-${layout}.onnx`, sha256: sha, size: bytes.length, path: `models/onnx/${sha}.onnx` },
        input: {
          name: 'pixels',
          type: 'float32',
          layout,
          size: SIZE,
          fixed_batch: null,
          shape: layout === 'nchw' ? ['N', 3, 16, 16] : ['N', 16, 16, 3],
        },
        output: { name: 'embedding', type: 'float32', shape: ['N', 6] },
        normalisation: { method: 'asinh' },
      });
      expect(params.threads).toBeGreaterThan(0);
      expect(params.images_per_second).toBeGreaterThan(0);
      expect(typeof params.onnxruntime).toBe('string');
    }
  });

  it('resizes to the model side, pads a fixed batch, and normalises by mean and std', async () => {
    const { workspace, stored } = onnxTestWorkspace(tempDir(), OBJECTS, SIZE, BANDS);
    // Dynamic spatial dims and --input-size 8: resized 16 → 8.
    const dynamic: EncoderSpec = { layout: 'nhwc', size: 8, bands: BANDS, dim: 4, dynamicSpatial: true, seed: 2 };
    const resized = await runOnnxEmbedding(workspace, {
      ...BASE,
      model: modelFile(denseEncoderModel(dynamic)),
      inputSize: 8,
    });
    expect(maxAbsDiff(embeddingOf(workspace, resized.runId).data, expected(stored, dynamic))).toBeLessThan(1e-4);
    expect(JSON.parse(getRun(workspace.db, resized.runId)!.params)).toMatchObject({
      resize: 'bilinear, half-pixel centres',
      input: { size: 8, shape: ['N', 'H', 'W', 3] },
    });

    // A fixed batch of 5 over 23 objects (the last batch padded), fixed side 12.
    const fixed: EncoderSpec = { layout: 'nchw', size: 12, bands: BANDS, dim: 3, batch: 5, seed: 3 };
    const padded = await runOnnxEmbedding(workspace, { ...BASE, model: modelFile(denseEncoderModel(fixed)) });
    expect(maxAbsDiff(embeddingOf(workspace, padded.runId).data, expected(stored, fixed))).toBeLessThan(1e-4);
    expect(JSON.parse(getRun(workspace.db, padded.runId)!.params)).toMatchObject({
      input: { fixed_batch: 5, size: 12 },
      batch_size: 10,
    });

    const mean = [0.1, -0.2, 0.3];
    const std = [2, 0.5, 1.5];
    const spec: EncoderSpec = { layout: 'nchw', size: SIZE, bands: BANDS, dim: 5, seed: 4 };
    const normalised = await runOnnxEmbedding(workspace, {
      ...BASE,
      model: modelFile(denseEncoderModel(spec)),
      normalisation: { method: 'meanstd', mean, std },
    });
    const want = expected(stored, spec, (v, c) => (v - mean[c]) / std[c]);
    expect(maxAbsDiff(embeddingOf(workspace, normalised.runId).data, want)).toBeLessThan(1e-4);
    expect(JSON.parse(getRun(workspace.db, normalised.runId)!.params).normalisation).toEqual({
      method: 'meanstd',
      mean,
      std,
    });
  });

  it('feeds a float16 input', async () => {
    const { workspace, stored } = onnxTestWorkspace(tempDir(), OBJECTS, SIZE, BANDS);
    const spec: EncoderSpec = { layout: 'nhwc', size: SIZE, bands: BANDS, dim: 3, halfInput: true, seed: 5 };
    const result = await runOnnxEmbedding(workspace, { ...BASE, model: modelFile(denseEncoderModel(spec)) });
    // The stored values are float16 already, so the feed is exact.
    expect(maxAbsDiff(embeddingOf(workspace, result.runId).data, expected(stored, spec))).toBeLessThan(1e-4);
    expect(JSON.parse(getRun(workspace.db, result.runId)!.params).input).toMatchObject({
      type: 'float16',
      layout: 'nhwc',
    });
  });

  it('takes a named output, flattened to [N, D]', async () => {
    const { workspace } = onnxTestWorkspace(tempDir(), OBJECTS, SIZE, BANDS);
    const spec: EncoderSpec = { layout: 'nhwc', size: SIZE, bands: BANDS, dim: 4 };
    const model = modelFile(convEncoderModel(spec));
    const pooled = await runOnnxEmbedding(workspace, { ...BASE, model });
    const features = await runOnnxEmbedding(workspace, { ...BASE, model, output: 'features' });
    expect(features.dim).toBe(4 * 8 * 8);
    const a = embeddingOf(workspace, pooled.runId).data;
    const b = embeddingOf(workspace, features.runId).data;
    // The first output is the global average of the second, channel by channel.
    for (let i = 0; i < OBJECTS; i++) {
      for (let d = 0; d < 4; d++) {
        let sum = 0;
        for (let k = 0; k < 64; k++) sum += b[i * 256 + d * 64 + k];
        expect(a[i * 4 + d]).toBeCloseTo(sum / 64, 5);
      }
    }
    await expect(runOnnxEmbedding(workspace, { ...BASE, model, output: 'logits' })).rejects.toThrow(
      /no output 'logits'; its outputs are 'embedding', 'features'/,
    );
  });

  it('copies the model into the workspace once, with its provenance', async () => {
    const { workspace } = onnxTestWorkspace(tempDir(), OBJECTS, SIZE, BANDS);
    const bytes = denseEncoderModel({ layout: 'nchw', size: SIZE, bands: BANDS, dim: 2 });
    const first = modelFile(bytes, 'first.onnx');
    const second = modelFile(bytes, 'second.onnx');
    const a = await runOnnxEmbedding(workspace, { ...BASE, model: first });
    const b = await runOnnxEmbedding(workspace, { ...BASE, model: second });
    expect(a.modelSha256).toBe(b.modelSha256);
    const folder = join(workspace.paths.models, 'onnx');
    expect(readdirSync(folder).sort()).toEqual([`${a.modelSha256}.json`, `${a.modelSha256}.onnx`]);
    expect(
      createHash('sha256')
        .update(readFileSync(join(folder, `${a.modelSha256}.onnx`)))
        .digest('hex'),
    ).toBe(a.modelSha256);
    const provenance = JSON.parse(readFileSync(join(folder, `${a.modelSha256}.json`), 'utf8'));
    expect(provenance).toMatchObject({ sha256: a.modelSha256, size: bytes.length, file_name: 'first.onnx' });
    expect(provenance.imports.map((i: { original_path: string }) => i.original_path)).toEqual([first, second]);
    expect(Number.isNaN(Date.parse(provenance.imports[0].imported_at))).toBe(false);
  });

  it('refuses a model it cannot feed, recording no run and keeping no copy', async () => {
    const { workspace } = onnxTestWorkspace(tempDir(), OBJECTS, SIZE, BANDS);
    const cases: [Uint8Array, RegExp][] = [
      [
        passThroughModel({ name: 'flat', shape: ['N', SIZE * SIZE * BANDS] }),
        /rank 2, not 4; expected .*found input 'flat' is float32 \[N, 768\]/,
      ],
      [
        denseEncoderModel({ layout: 'nchw', size: SIZE, bands: 1, dim: 2 }),
        /no channel axis \(1 or 3\) is 3; .*found input 'pixels' is float32 \[N, 1, 16, 16\]/,
      ],
      [
        passThroughModel({ name: 'x', elemType: ONNX_INT64, shape: ['N', 3, SIZE, SIZE] }),
        /input type is int64, not a float/,
      ],
      [
        onnxModel({
          nodes: [{ op: 'Add', inputs: ['a', 'b'], outputs: ['out'] }],
          initializers: [],
          inputs: [
            { name: 'a', shape: ['N', 3, SIZE, SIZE] },
            { name: 'b', shape: ['N', 3, SIZE, SIZE] },
          ],
          outputs: [{ name: 'out', shape: ['N', 3, SIZE, SIZE] }],
        }),
        /the model has 2 inputs \('a' \[N, 3, 16, 16\], 'b' \[N, 3, 16, 16\]\); expected one image input/,
      ],
    ];
    for (const [bytes, message] of cases)
      await expect(runOnnxEmbedding(workspace, { ...BASE, model: modelFile(bytes) })).rejects.toThrow(message);
    await expect(runOnnxEmbedding(workspace, { ...BASE, model: join(tempDir(), 'absent.onnx') })).rejects.toThrow(
      /no ONNX model at/,
    );
    await expect(
      runOnnxEmbedding(workspace, { ...BASE, model: modelFile(new Uint8Array([8, 1, 99])) }),
    ).rejects.toThrow(/could not load the model/);
    expect(listRuns(workspace.db, 'embedding')).toEqual([]);
    const folder = join(workspace.paths.models, 'onnx');
    expect(existsSync(folder) ? readdirSync(folder) : []).toEqual([]);
  });
});
