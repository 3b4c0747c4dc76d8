// Known answers for the truth regions' masks (trails, cosmic-ray dilation, chip edges), their
// boxes and row order, the mapping onto the model-input grid, and the truth CSV's region columns.
import { describe, it, expect } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  chipEdgeMask,
  dilatedPixelMask,
  flipMaskRows,
  formatRegionBox,
  maskBox,
  parseRegionBox,
  regionOnModelGrid,
  trailMask,
} from '../../../electron/core/demo/truth-regions.js';
import { formatTruthCsv, TRUTH_COLUMNS, type DemoTruthRow } from '../../../electron/core/demo/truth-csv.js';
import { readTruthTable } from '../../helpers/demo-truth.js';
import { useSharedTempDir } from '../../helpers/temp-dir.js';

const root = useSharedTempDir('serendip-regions-');

/** The set pixels of a mask as "x,y" strings. */
function pixelsOf(mask: Uint8Array, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < mask.length; i++) if (mask[i]) out.push(`${i % size},${Math.floor(i / size)}`);
  return out;
}

function maskOf(size: number, pixels: [number, number][]): Uint8Array {
  const mask = new Uint8Array(size * size);
  for (const [x, y] of pixels) mask[y * size + x] = 1;
  return mask;
}

describe('trailMask', () => {
  it('covers the rows within 1.5 px of a horizontal trail when 2.5σ is narrower', () => {
    const mask = trailMask(16, { x: 5, y: 7.3, angle: 0, sigma: 0.5 });
    for (let y = 0; y < 16; y++) {
      const row = [...mask.subarray(y * 16, (y + 1) * 16)];
      expect(row.every((v) => v === (y >= 6 && y <= 8 ? 1 : 0))).toBe(true);
    }
  });

  it('covers the columns within 2.5σ of a vertical trail', () => {
    const mask = trailMask(12, { x: 4, y: 0, angle: Math.PI / 2, sigma: 0.9 });
    // 2.5σ = 2.25 px: columns 2 to 6.
    for (let i = 0; i < mask.length; i++) expect(mask[i]).toBe(Math.abs((i % 12) - 4) <= 2 ? 1 : 0);
  });

  it('follows a diagonal line', () => {
    const size = 10;
    const mask = trailMask(size, { x: 0, y: 0, angle: Math.PI / 4, sigma: 1 });
    // Distance from y = x is |y − x| / √2 ≤ 2.5, so |y − x| ≤ 3 on the pixel grid.
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++) expect(mask[y * size + x]).toBe(Math.abs(y - x) <= 3 ? 1 : 0);
  });
});

describe('dilatedPixelMask', () => {
  it('grows each hit by one pixel each way, clipped at the frame', () => {
    // Hits at (0, 0) and (2, 2) of a 5×5 frame.
    const mask = dilatedPixelMask(5, [0, 12]);
    const expected = [
      [0, 0], [1, 0], [0, 1], [1, 1],
      [2, 1], [3, 1], [1, 2], [2, 2], [3, 2], [1, 3], [2, 3], [3, 3],
    ] as [number, number][]; // prettier-ignore
    expect(pixelsOf(mask, 5).sort()).toEqual(pixelsOf(maskOf(5, expected), 5).sort());
  });
});

describe('chipEdgeMask', () => {
  it('is the pixels the edge blanks', () => {
    const edge = { horizontal: true, tilt: 0, cut: 2.5, fromLowSide: true };
    const mask = chipEdgeMask(6, edge);
    // Rows 0 to 2 (y < 2.5) are blank.
    for (let i = 0; i < 36; i++) expect(mask[i]).toBe(Math.floor(i / 6) <= 2 ? 1 : 0);
    // A tilted vertical edge: blank where x + 0.3·(y − 4) > 8 − 1 − 1.5.
    const tilted = { horizontal: false, tilt: 0.3, cut: 1.5, fromLowSide: false };
    const firstBlankColumn = [7, 7, 7, 6, 6, 6, 5, 5];
    const other = chipEdgeMask(8, tilted);
    for (let y = 0; y < 8; y++)
      for (let x = 0; x < 8; x++) expect(other[y * 8 + x]).toBe(x >= firstBlankColumn[y] ? 1 : 0);
  });
});

describe('row order and boxes', () => {
  it('flips FITS rows (row 0 at the bottom) to image rows and boxes the mask inclusively', () => {
    const fits = maskOf(4, [
      [1, 0],
      [2, 1],
    ]);
    const image = flipMaskRows(fits, 4);
    expect(pixelsOf(image, 4).sort()).toEqual(['1,3', '2,2']);
    expect(maskBox(image, 4)).toEqual([1, 2, 2, 3]);
    expect(flipMaskRows(image, 4)).toEqual(fits);
    expect(maskBox(new Uint8Array(16), 4)).toBeNull();
  });
});

describe('regionOnModelGrid', () => {
  it('maps a pixel to the model pixel whose area holds it when the cutout halves', () => {
    const grid = regionOnModelGrid(maskOf(128, [[10, 21]]), 128, 64);
    expect(pixelsOf(grid, 64)).toEqual(['5,10']);
  });

  it('marks every model pixel that overlaps the pixel under a fractional scale', () => {
    // 72 → 64: model pixel k covers [1.125k, 1.125(k + 1)). Pixel 9 lies in model pixel 8 only;
    // pixel 8 ([8, 9)) in 7 ([7.875, 9)) only; pixel 17 ([17, 18)) in 15 ([16.875, 18)) only.
    expect(pixelsOf(regionOnModelGrid(maskOf(72, [[9, 9]]), 72, 64), 64)).toEqual(['8,8']);
    expect(pixelsOf(regionOnModelGrid(maskOf(72, [[8, 17]]), 72, 64), 64)).toEqual(['7,15']);
    // Pixel 4 ([4, 5)) straddles model pixels 3 ([3.375, 4.5)) and 4 ([4.5, 5.625)).
    expect(pixelsOf(regionOnModelGrid(maskOf(72, [[4, 0]]), 72, 64), 64).sort()).toEqual(['3,0', '4,0']);
  });

  it('keeps the identity at equal sizes and follows the centre crop', () => {
    const mask = maskOf(64, [
      [0, 0],
      [63, 5],
    ]);
    expect(regionOnModelGrid(mask, 64, 64)).toEqual(mask);
    // crop 0.5 of 128 keeps [32, 96): pixel (32, 33) is model (0, 1) at 64; pixel (10, 10) is cut away.
    const cropped = regionOnModelGrid(
      maskOf(128, [
        [32, 33],
        [10, 10],
      ]),
      128,
      64,
      0.5,
    );
    expect(pixelsOf(cropped, 64)).toEqual(['0,1']);
  });
});

describe('truth CSV region columns', () => {
  const row = (over: Partial<DemoTruthRow>): DemoTruthRow => ({
    name: 'DEMO-000001',
    file: 'fits/DEMO-000001.fits',
    format: 'fits',
    galaxy_type: 'elliptical',
    anomaly: '',
    is_anomaly: 0,
    ra: 150.123456,
    dec: -2.5,
    size: 72,
    region: '',
    region_mask: '',
    ...over,
  });

  it('writes size, region and region_mask after the original columns and reads back the same', () => {
    const rows = [
      row({}),
      row({
        name: 'DEMO-000002',
        anomaly: 'cosmic_ray',
        is_anomaly: 1,
        size: 96,
        region: formatRegionBox([3, 40, 12, 95]),
        region_mask: 'truth-regions/DEMO-000002.png',
      }),
    ];
    const path = join(root(), 'truth.csv');
    writeFileSync(path, formatTruthCsv(rows));
    const { header, rows: read } = readTruthTable(path);
    expect(header).toBe('name,file,format,galaxy_type,anomaly,is_anomaly,ra,dec,size,region,region_mask');
    expect(header.split(',')).toEqual([...TRUTH_COLUMNS]);
    expect(read[0]).toMatchObject({ size: '72', region: '', region_mask: '', ra: '150.123456', dec: '-2.500000' });
    expect(read[1]).toMatchObject({ size: '96', region: '3 40 12 95', region_mask: 'truth-regions/DEMO-000002.png' });
    expect(parseRegionBox(read[1].region)).toEqual([3, 40, 12, 95]);
    expect(parseRegionBox(read[0].region)).toBeNull();
    expect(() => parseRegionBox('1 2 3')).toThrow(/x0 y0 x1 y1/);
  });
});
