// Catalog values read by meaning: the first non-blank of the keys wins, a redshift must be a
// number above -1.
import { describe, expect, it } from 'vitest';
import { catalogRedshift, firstMetadataValue } from '../../../electron/core/workspace/catalog-fields.js';

describe('catalog fields', () => {
  it('reads the first non-blank key, trimmed', () => {
    expect(firstMetadataValue({ CLASS: '  ', Class: ' QSO ' }, ['class', 'CLASS', 'Class'])).toBe('QSO');
    expect(firstMetadataValue({ other: 'x' }, ['class'])).toBeUndefined();
  });

  it('reads a redshift under any of its spellings, or null', () => {
    expect(catalogRedshift({ redshift: ' 1.5 ' })).toBe(1.5);
    expect(catalogRedshift({ Z: '0.02', redshift: '9' })).toBe(0.02);
    expect(catalogRedshift({ z: 'n/a' })).toBeNull();
    expect(catalogRedshift({ z: '-3' })).toBeNull();
    expect(catalogRedshift({})).toBeNull();
  });
});
