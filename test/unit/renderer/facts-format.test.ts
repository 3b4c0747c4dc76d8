// The inspector's facts table values: paths shortened in the middle keeping the file name,
// long decimals cut to six significant digits, ids and text left exactly as stored.
import { describe, expect, it } from 'vitest';
import { formatCatalogValue, shortenPath } from '../../../renderer/src/views/inspector/facts-format.js';

describe('shortenPath', () => {
  it('leaves short paths and shortens the middle of long ones, keeping the file name', () => {
    expect(shortenPath('demo-data/fits/DEMO-000017.fits')).toBe('demo-data/fits/DEMO-000017.fits');
    expect(shortenPath('survey/2024/run-12/field-0042/tile-7/cutout-000017.fits', 38)).toBe(
      'survey/…/tile-7/cutout-000017.fits',
    );
    expect(shortenPath('a/b/c/a-file-name-that-is-itself-far-too-long-to-show.fits', 20)).toBe('…o-long-to-show.fits');
    for (const path of ['x/'.repeat(40) + 'f.fits', 'data/' + 'deep/'.repeat(20) + 'DEMO-1.fits']) {
      const short = shortenPath(path, 30);
      expect(short.length).toBeLessThanOrEqual(30);
      expect(short.endsWith('f.fits') || short.endsWith('DEMO-1.fits')).toBe(true);
    }
  });
});

describe('formatCatalogValue', () => {
  it('cuts long decimals to six significant digits and keeps the rest as stored', () => {
    expect(formatCatalogValue('0.30000000000000004')).toBe('0.3');
    expect(formatCatalogValue('0.1234567891')).toBe('0.123457');
    expect(formatCatalogValue('-152.424512345')).toBe('-152.425');
    expect(formatCatalogValue('1.23456789e-5')).toBe('0.0000123457');
    expect(formatCatalogValue('0.000123')).toBe('0.000123');
    expect(formatCatalogValue('19.5')).toBe('19.5');
    expect(formatCatalogValue('1237648720693755918')).toBe('1237648720693755918');
    expect(formatCatalogValue('elliptical, E1')).toBe('elliptical, E1');
    expect(formatCatalogValue('')).toBe('');
  });
});
