// Patch rarity on inputs whose answer is known: a patch's value is the distance from its sorted
// values to the nearest sorted values of any neighbour patch (taken at half-patch steps), so a
// shifted star matches and a patch of something the neighbours lack stands out by exactly its
// distance to their closest patch, above the object's median patch (the noise every patch carries).
import { describe, expect, it } from 'vitest';
import { toFloat16Bits } from '../../../../../electron/core/formats/arrays/float16.js';
import { patchRarity } from '../../../../../electron/core/discovery/explain/where/patch-rarity.js';

/** 16 × 16, one band: patches are 2 px (16 / 8), so a patch's descriptor is its 4 values, sorted. */
const SIZE = 16;

function image(bright: Array<[x: number, y: number]>, level = 1): Uint16Array {
  const values = new Float32Array(SIZE * SIZE);
  for (const [x, y] of bright) values[y * SIZE + x] = level;
  return toFloat16Bits(values);
}

describe('patch rarity', () => {
  it('is zero for an object identical to a neighbour', () => {
    const star = image([[5, 5]]);
    expect(Array.from(patchRarity(star, SIZE, 1, [star])).every((v) => v === 0)).toBe(true);
  });

  it('matches a star wherever it sits in the patch and wherever the patch is', () => {
    // The neighbour's star is at the top-left of a patch; the object's at the bottom-right of another.
    const rarity = patchRarity(image([[11, 3]]), SIZE, 1, [image([[4, 8]])]);
    expect(Math.max(...rarity)).toBe(0);
  });

  it('gives a patch the neighbours lack its distance to their closest patch', () => {
    // A filled 2×2 patch (sorted 1,1,1,1) against a neighbour with one bright pixel: the closest neighbour
    // patch holds 0,0,0,1, at distance √3; every sky patch matches the neighbour's sky exactly.
    const blob = image([
      [8, 8],
      [9, 8],
      [8, 9],
      [9, 9],
    ]);
    const rarity = patchRarity(blob, SIZE, 1, [image([[5, 5]])]);
    for (let y = 0; y < SIZE; y++) {
      for (let x = 0; x < SIZE; x++) {
        const inBlob = x >= 8 && x <= 9 && y >= 8 && y <= 9;
        expect(rarity[y * SIZE + x]).toBeCloseTo(inBlob ? Math.sqrt(3) : 0, 6);
      }
    }
  });

  it("reads a patch against the object's median patch, so a level every patch shares reads 0", () => {
    // Sky 0.5 against the neighbour's 0: each sky patch is at distance √(4 × 0.25) = 1, the median. A 2×2 patch of 1.5
    // is nearest the neighbour's star patch (0,0,0,1): √(3 × 1.5² + 0.5²) = √7.
    const values = new Float32Array(SIZE * SIZE).fill(0.5);
    for (const [x, y] of [
      [8, 8],
      [9, 8],
      [8, 9],
      [9, 9],
    ])
      values[y * SIZE + x] = 1.5;
    const rarity = patchRarity(toFloat16Bits(values), SIZE, 1, [image([[5, 5]])]);
    expect(rarity[8 * SIZE + 8]).toBeCloseTo(Math.sqrt(7) - 1, 6);
    expect(rarity[0]).toBe(0);
    expect(rarity.filter((v) => v > 0)).toHaveLength(4);
  });

  it('takes the nearest patch over all neighbours and compares every band', () => {
    // Two bands; the object's pixel is bright in band 1 only. Neighbour A is bright in band 0 at that place,
    // neighbour B in band 1 elsewhere: B's patch matches exactly. Against A alone the nearest is A's sky (distance 2),
    // not A's bright patch (2 in each band: 2√2).
    const twoBand = (x: number, y: number, band: number) => {
      const values = new Float32Array(SIZE * SIZE * 2);
      values[(y * SIZE + x) * 2 + band] = 2;
      return toFloat16Bits(values);
    };
    const rarity = patchRarity(twoBand(6, 6, 1), SIZE, 2, [twoBand(6, 6, 0), twoBand(1, 12, 1)]);
    expect(Math.max(...rarity)).toBe(0);
    expect(Math.max(...patchRarity(twoBand(6, 6, 1), SIZE, 2, [twoBand(6, 6, 0)]))).toBeCloseTo(2, 6);
  });

  it('refuses inputs of the wrong shape and an empty neighbourhood', () => {
    expect(() => patchRarity(image([]), SIZE, 2, [image([])])).toThrow(/16×16×2/);
    expect(() => patchRarity(image([]), SIZE, 1, [])).toThrow(/at least one neighbour/);
  });
});
