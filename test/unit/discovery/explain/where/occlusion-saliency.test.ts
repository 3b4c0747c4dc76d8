// Occlusion saliency on an embedding whose answer is known exactly: the vector is the sum of
// the input's pixels, so masking a patch moves it by exactly what the patch held above the
// fill (the input's median), and the map is that fall, averaged over the patches covering a pixel.
import { describe, expect, it } from 'vitest';
import { fromFloat16Bits, toFloat16Bits } from '../../../../../electron/core/formats/arrays/float16.js';
import { occlusionSaliency } from '../../../../../electron/core/discovery/explain/where/occlusion-saliency.js';

const SIZE = 16;

/** One band: `sky` everywhere, `blob` on the 2×2 pixels at x 4–5, y 6–7. */
function inputWithBlob(sky: number, blob: number): Uint16Array {
  const values = new Float32Array(SIZE * SIZE).fill(sky);
  for (let y = 6; y < 8; y++) for (let x = 4; x < 6; x++) values[y * SIZE + x] = blob;
  return toFloat16Bits(values);
}

/** The "sum of the pixels" embedding: one value per input. */
function pixelSum(half: Uint16Array, count: number): Promise<Float32Array> {
  const values = fromFloat16Bits(half);
  const rowLength = values.length / count;
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) for (let j = 0; j < rowLength; j++) out[i] += values[i * rowLength + j];
  return Promise.resolve(out);
}

describe('occlusion saliency', () => {
  it('gives each pixel the fall in distance when its patch is masked with the sky (side by side)', async () => {
    // Sky 5, blob 6: masking the blob's patch with the median (5) lowers the sum by 4 and reaches the neighbour.
    const sum = 5 * SIZE * SIZE + 4;
    const neighbour = { vectors: Float32Array.of(sum - 4), count: 1 };
    // Default patch SIZE / 8 = 2, side by side.
    const map = await occlusionSaliency(inputWithBlob(5, 6), SIZE, 1, pixelSum, neighbour);
    expect(map.baseline).toBe(4);
    expect(map.variants).toBe(64);
    for (let y = 0; y < SIZE; y++)
      for (let x = 0; x < SIZE; x++) expect(map.values[y * SIZE + x]).toBe(x >= 4 && x < 6 && y >= 6 && y < 8 ? 4 : 0);
  });

  it('averages overlapping patches, with the peak on the blob', async () => {
    // Patch 2, stride 1: each blob pixel is covered by patches holding 1, 2, 2 and 4 blob pixels.
    const neighbour = { vectors: Float32Array.of(0), count: 1 };
    const map = await occlusionSaliency(inputWithBlob(0, 1), SIZE, 1, pixelSum, neighbour, { patch: 2, stride: 1 });
    expect(map.variants).toBe(15 * 15);
    for (let y = 6; y < 8; y++) for (let x = 4; x < 6; x++) expect(map.values[y * SIZE + x]).toBe(9 / 4);
    // Beside the blob, patches (3,5), (3,6) cover 1 and 2 of its pixels, the others none.
    expect(map.values[6 * SIZE + 3]).toBe(3 / 4);
    expect(map.values[0]).toBe(0);
    expect(Math.max(...map.values)).toBe(9 / 4);
  });

  it('measures the mean distance to several neighbours: the map is negative where masking moves it away', async () => {
    // Neighbours at sum+4 and sum+8: masking the blob (−4) moves the object away from both.
    const sum = 5 * SIZE * SIZE + 4;
    const neighbours = { vectors: Float32Array.of(sum + 4, sum + 8), count: 2 };
    const map = await occlusionSaliency(inputWithBlob(5, 6), SIZE, 1, pixelSum, neighbours, { patch: 2, stride: 2 });
    expect(map.baseline).toBe(6);
    expect(map.values[6 * SIZE + 4]).toBe(6 - 10);
  });
});
