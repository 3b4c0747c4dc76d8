// Damaged and oddly encoded text spectra: the encodings a file may arrive in, binary data
// under a .csv name, and lines too long to split, each with a plain reason.
import { describe, expect, it } from 'vitest';
import {
  MAX_TEXT_LINE_CHARS,
  decodeTextTable,
  parseTextSpectrum,
  whyNotTextSpectrum,
} from '../../../../electron/core/formats/spectra/text-spectrum.js';

const TABLE = 'wave,flux\n4000,1\n4001,2\n4002,3\n';

describe('decodeTextTable', () => {
  it('reads UTF-8 (with or without a BOM) and UTF-16 with a BOM alike', () => {
    expect(decodeTextTable(Buffer.from(TABLE))).toBe(TABLE);
    expect(decodeTextTable(Buffer.from('\ufeff' + TABLE))).toBe(TABLE);
    expect(decodeTextTable(Buffer.from('\ufeff' + TABLE, 'utf16le'))).toBe(TABLE);
    expect(decodeTextTable(Buffer.from('\ufeff' + TABLE, 'utf16le').swap16())).toBe(TABLE);
    expect(parseTextSpectrum(decodeTextTable(Buffer.from('\ufeff' + TABLE, 'utf16le'))).wavelength.length).toBe(3);
  });

  it('refuses binary data, and keeps undecodable bytes out of error messages', () => {
    expect(() => decodeTextTable(Buffer.from([0x77, 0x61, 0x00, 0x76]))).toThrow(
      'binary data, not a UTF-8 text table (a NUL byte at byte 2)',
    );
    const garbage = decodeTextTable(Buffer.from([0xe9, 0x01, 0x7f, 0x41, 0x2c, 0x42, 0x0a, 0x31, 0x2c, 0x32, 0x0a]));
    expect(() => parseTextSpectrum(garbage)).toThrow(
      'line 1: the header (???A, B) names no wavelength and flux column',
    );
  });
});

describe('damaged text spectra', () => {
  it('refuses a line too long to split, and a head with no line end at all', () => {
    const long = 'wave,flux\n' + '1,'.repeat(MAX_TEXT_LINE_CHARS) + '\n';
    expect(() => parseTextSpectrum(long)).toThrow(
      `line 2 is ${2 * MAX_TEXT_LINE_CHARS} characters long, more than ${MAX_TEXT_LINE_CHARS}`,
    );
    expect(whyNotTextSpectrum('7'.repeat(1000), false)).toBe('no line ends within the first 1000 characters');
  });

  it('says how many rows a too-short table has', () => {
    expect(whyNotTextSpectrum('wave,flux\n4000,1\n', true)).toBe('only 1 row; a spectrum needs at least 3');
    expect(whyNotTextSpectrum('wave,flux\n4000,1\n4001,1\n', true)).toBe('only 2 rows; a spectrum needs at least 3');
  });
});
