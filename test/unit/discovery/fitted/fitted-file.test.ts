// The fitted-file container: what is encoded decodes to the same header and arrays, the same
// content always gives the same bytes (so its sha256 is an identity), and a damaged file is
// refused with what is wrong rather than read as something else.
import { describe, expect, it } from 'vitest';
import {
  FittedFileError,
  decodeFittedFile,
  encodeFittedFile,
  sha256Hex,
} from '../../../../electron/core/discovery/fitted/fitted-file.js';
import { decodeFittedModel, encodeFittedModel } from '../../../../electron/core/discovery/fitted/fitted-models.js';
import type { ForestFit } from '../../../../electron/core/discovery/fitted/fitted-models.js';
import { IsolationForest } from '../../../../electron/core/discovery/anomaly/isolation-forest.js';
import { clusteredVectors } from '../../../bench/clustered-data.js';

const header = { kind: 'test', note: 'ünïcode', nested: { n: 3 } };
const blocks = [
  { name: 'a', array: Float32Array.of(1.5, -2, 3), shape: [3] },
  { name: 'b', array: Float64Array.of(Math.PI, 1e-300), shape: [1, 2] },
  { name: 'c', array: Int32Array.of(7, -9, 11, 13, 15), shape: [5] },
];

describe('the fitted-file container', () => {
  it('decodes what it encodes, aligned for every array type', () => {
    const bytes = encodeFittedFile(header, blocks);
    expect(bytes.length % 8).toBe(0);
    const decoded = decodeFittedFile(bytes, 'x.fit');
    expect(decoded.header).toEqual(header);
    for (const block of blocks) {
      expect(decoded.blocks.get(block.name)).toEqual({ array: block.array, shape: block.shape });
    }
    expect(decoded.sha256).toBe(sha256Hex(bytes));
    // The magic, then the header length, then JSON a reader in any language can parse.
    expect(Buffer.from(bytes.subarray(0, 8)).toString('latin1')).toBe('\x89SFIT\r\n\x1a');
    const length = new DataView(bytes.buffer).getUint32(8, true);
    expect(JSON.parse(Buffer.from(bytes.subarray(12, 12 + length)).toString('utf8')).format).toBe('serendip-fitted');
  });

  it('writes the same bytes for the same content', () => {
    expect(Buffer.from(encodeFittedFile(header, blocks)).equals(Buffer.from(encodeFittedFile(header, blocks)))).toBe(
      true,
    );
  });

  it('refuses a file that is not one, is truncated, has bytes added or a newer version', () => {
    const bytes = encodeFittedFile(header, blocks);
    const refused = (b: Uint8Array): string => {
      try {
        decodeFittedFile(b, 'x.fit');
      } catch (err) {
        expect(err).toBeInstanceOf(FittedFileError);
        return (err as Error).message;
      }
      return 'accepted';
    };
    expect(refused(new TextEncoder().encode('{"kind":"pca"}'))).toMatch(/x\.fit is not a Serendip fitted model \(no/);
    expect(refused(bytes.subarray(0, bytes.length - 8))).toMatch(/block c is truncated/);
    expect(refused(new Uint8Array([...bytes, 0, 0, 0, 0, 0, 0, 0, 0]))).toMatch(/bytes past the last block/);
    expect(refused(bytes.subarray(0, 20))).toMatch(/header is truncated/);
    const newer = encodeFittedFile({ ...header }, blocks);
    const text = Buffer.from(newer);
    const at = text.indexOf('"version":1');
    text.write('"version":7', at, 'latin1');
    expect(refused(new Uint8Array(text))).toMatch(/format version 7; this Serendip reads 1/);
  });
});

describe('fitted models', () => {
  it('round-trip a forest, and refuse one whose arrays do not describe a forest', () => {
    const vectors = clusteredVectors(300, 4, { seed: 2 }).vectors;
    const forest = IsolationForest.fit(vectors, { seed: 1, trees: 5 });
    const model: ForestFit = {
      kind: 'forest',
      source: { run: 'score-iforest-x', kind: 'score', method: 'iforest', modality: 'image', created: 't' },
      embedding: { kind: 'pca', sha256: 'ab'.repeat(32), method: 'pca', modality: 'image', dim: 4 },
      forest: forest.arrays,
    };
    const bytes = encodeFittedModel(model);
    const decoded = decodeFittedModel(bytes, 'forest.fit');
    expect(decoded.model).toEqual(model);
    const restored = IsolationForest.fromArrays((decoded.model as ForestFit).forest);
    expect(restored.score(vectors)).toEqual(forest.score(vectors));
    // A child pointing outside its tree: refused, not scored.
    const broken = { ...model, forest: { ...forest.arrays, leftChild: forest.arrays.leftChild.map(() => 1) } };
    expect(() => decodeFittedModel(encodeFittedModel(broken), 'broken.fit')).toThrow(
      /broken\.fit is a damaged fitted model: invalid isolation forest/,
    );
  });
});
