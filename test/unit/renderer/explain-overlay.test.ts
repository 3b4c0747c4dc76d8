// The inspector's explanation overlay: which maps can lie over the image, which one is shown
// (the one picked, else the residual of the displayed band, else the saliency), its colours
// (transparent where the map is not positive, opaque-most at its peak) and its place on the
// image (the model input's centred square).
import { describe, expect, it } from 'vitest';
import {
  modelInputSquare,
  overlayChoices,
  overlayRgba,
  shownChoice,
} from '../../../renderer/src/views/inspector/explain-overlay.js';
import type { ExplainMap } from '../../../electron/core/api/contract-explain.js';

const map = (kind: ExplainMap['kind'], band: string | null, values = [0, 1, 2, 4]): ExplainMap => ({
  kind,
  band,
  width: 2,
  height: 2,
  values,
  peak: { x: 1, y: 1 },
});

const maps = [
  map('input', 'g'),
  map('reconstruction', 'g'),
  map('residual', 'g'),
  map('residual', 'r'),
  map('saliency', null),
  map('rarity', null),
];

describe('overlay choices', () => {
  it('offers the rarity, the saliency and the residuals, not the pictures', () => {
    expect(overlayChoices(maps).map((c) => [c.key, c.label])).toEqual([
      ['residual:g', 'residual g'],
      ['residual:r', 'residual r'],
      ['saliency', 'saliency'],
      ['rarity', 'rarity'],
    ]);
    expect(overlayChoices(maps).at(-1)?.meaning).toMatch(/typical neighbours' images/);
  });

  it('shows the pick, else the rarity, else the residual of the displayed band, else the first', () => {
    const choices = overlayChoices(maps);
    expect(shownChoice(choices, 'residual:g', 'r')?.key).toBe('residual:g');
    expect(shownChoice(choices, null, 'r')?.key).toBe('rarity');
    expect(shownChoice(choices, 'gone', null)?.key).toBe('rarity');
    const withoutRarity = overlayChoices(maps.filter((m) => m.kind !== 'rarity'));
    expect(shownChoice(withoutRarity, null, 'r')?.key).toBe('residual:r');
    expect(shownChoice(withoutRarity, null, 'z')?.key).toBe('residual:g');
    expect(shownChoice(overlayChoices([map('residual', 'g')]), 'saliency', null)?.key).toBe('residual:g');
    expect(shownChoice([], null, 'g')).toBeNull();
  });
});

describe('overlay colours', () => {
  it('is transparent where the map is not positive and most opaque at its peak', () => {
    const rgba = overlayRgba(map('saliency', null, [-3, 0, 1, 4]));
    const alpha = [3, 7, 11, 15].map((i) => rgba[i]);
    expect(alpha[0]).toBe(0);
    expect(alpha[1]).toBe(0);
    expect(alpha[2]).toBe(43); // 170 × 1/4, rounded
    expect(alpha[3]).toBe(170);
    expect([rgba[12], rgba[13], rgba[14]]).toEqual([255, 255, 32]);
  });

  it('draws nothing for a map with no positive value, or NaNs', () => {
    expect(overlayRgba(map('saliency', null, [-1, 0, -2, 0])).every((v) => v === 0)).toBe(true);
    expect(overlayRgba(map('residual', 'g', [NaN, 2, 0, 0]))[3]).toBe(0);
  });
});

describe('overlay place', () => {
  it('covers a square image whole', () => {
    expect(modelInputSquare(64, 64)).toEqual({ left: 0, top: 0, width: 100, height: 100 });
  });

  it('covers the centred square of a wide image, as ingest crops it', () => {
    // 100 × 50: the square is 50 wide, starting at column 25.
    expect(modelInputSquare(100, 50)).toEqual({ left: 25, top: 0, width: 50, height: 100 });
  });
});
