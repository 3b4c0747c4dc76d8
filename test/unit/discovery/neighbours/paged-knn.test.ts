// The paged scan against known answers and against the in-memory exact search: same rows, same
// float32 distances to the bit, across page boundaries, with ties (duplicate rows) broken by row.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeNpy } from '../../../../electron/core/formats/arrays/npy.js';
import { exactSearch } from '../../../../electron/core/discovery/neighbours/exact-knn.js';
import {
  centroidOf,
  findRowsOfIds,
  idsAtRows,
  pagedExactSearch,
} from '../../../../electron/core/discovery/neighbours/paged-knn.js';
import { gaussianVectors } from '../../../helpers/random-vectors.js';
import { useTempDir } from '../../../helpers/temp-dir.js';

const tempDir = useTempDir('serendip-paged-knn-');

describe('pagedExactSearch', () => {
  it('finds hand-computed neighbours on a line, nearest first, the lower row first among ties', () => {
    const path = join(tempDir(), 'line.npy');
    // Rows 1 and 4 are both at 1 from the query 0; row 3 is at 3.
    writeNpy(path, Float32Array.from([0, 1, 10, 3, 1, -6]), [6, 1]);
    const found = pagedExactSearch(path, Float32Array.of(0), 4, { pageValues: 2 });
    expect([...found.rows]).toEqual([0, 1, 4, 3]);
    expect([...found.distances]).toEqual([0, 1, 1, 3]);
  });

  it('keeps the lower rows of a tie that straddles the k-th place, whichever row came later', () => {
    const path = join(tempDir(), 'tie.npy');
    // Rows 0, 1 and 2 tie at 5 and fill the three places; row 3 then pushes out the highest of them.
    writeNpy(path, Float32Array.from([5, 5, 5, 1]), [4, 1]);
    expect(Array.from(pagedExactSearch(path, Float32Array.of(0), 3).rows)).toEqual([3, 0, 1]);
  });

  it('gives the in-memory exact search result to the bit, whatever the page size', () => {
    const vectors = gaussianVectors(301, 7, 11);
    // Duplicated rows make exact ties, which both must break by the lower row.
    vectors.data.copyWithin(40 * 7, 3 * 7, 4 * 7);
    vectors.data.copyWithin(250 * 7, 3 * 7, 4 * 7);
    const path = join(tempDir(), 'vectors.npy');
    writeNpy(path, vectors.data, [vectors.count, vectors.dim]);
    const query = vectors.data.slice(3 * 7, 4 * 7);
    for (const k of [1, 5, 301]) {
      const expected = exactSearch(vectors, query, k);
      for (const pageValues of [7, 7 * 13, 1 << 21]) {
        const found = pagedExactSearch(path, query, k, { pageValues });
        expect(Array.from(found.rows)).toEqual(Array.from(expected.indices));
        expect(found.distances).toEqual(expected.distances);
      }
    }
    expect(Array.from(pagedExactSearch(path, query, 3).rows)).toEqual([3, 40, 250]);
  });

  it('asks for no more than the rows there are', () => {
    const path = join(tempDir(), 'two.npy');
    writeNpy(path, Float32Array.from([5, 5, 1, 1]), [2, 2]);
    expect(Array.from(pagedExactSearch(path, Float32Array.of(0, 0), 10).rows)).toEqual([1, 0]);
  });
});

describe('id columns read by pages', () => {
  it('finds the rows of ids and the ids of rows in an int64 column', () => {
    const path = join(tempDir(), 'ids.npy');
    const ids = [9, 2 ** 40 + 3, 7, 1, 2 ** 53 - 1];
    writeNpy(path, BigInt64Array.from(ids, BigInt), [ids.length]);
    const rows = findRowsOfIds(path, [7, 2 ** 53 - 1, 2 ** 40 + 3, 12345], { pageValues: 2 });
    expect([...rows.entries()].sort((a, b) => a[1] - b[1])).toEqual([
      [2 ** 40 + 3, 1],
      [7, 2],
      [2 ** 53 - 1, 4],
    ]);
    expect(idsAtRows(path, [4, 0, 1])).toEqual([2 ** 53 - 1, 9, 2 ** 40 + 3]);
  });
});

describe('centroidOf', () => {
  it('averages rows', () => {
    expect(Array.from(centroidOf(Float32Array.from([1, 2, 3, 6]), 2))).toEqual([2, 4]);
  });
});
