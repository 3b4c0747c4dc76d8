import { describe, it, expect } from 'vitest';
import { FitsFormatError, parseFitsHeader } from '../../../../electron/core/formats/fits/header.js';
import { formatCard } from '../../../../electron/core/formats/fits/writer.js';
import { headerFromCards, rawCard } from '../../../helpers/fits-fixtures.js';

const primary = [formatCard('SIMPLE', true), formatCard('BITPIX', -32), formatCard('NAXIS', 0)];

function parse(cards: string[]) {
  return parseFitsHeader(headerFromCards([...primary, ...cards]));
}

describe('FITS header values', () => {
  it('reads logicals, integers, floats and D exponents', () => {
    const header = parse([
      rawCard('EXTEND  =                    T / has extensions'),
      rawCard('FLAG    =                    F'),
      rawCard('NCOMBINE=                  -42'),
      rawCard('EXPTIME =               1200.5 / [s]'),
      rawCard('GAIN    =             1.5D+03'),
      rawCard('RDNOISE =              2.5e-01'),
      rawCard('CRVAL1  =                  .25'),
    ]);
    expect(header.get('EXTEND')).toBe(true);
    expect(header.get('FLAG')).toBe(false);
    expect(header.getNumber('NCOMBINE')).toBe(-42);
    expect(header.getNumber('EXPTIME')).toBe(1200.5);
    expect(header.getComment('EXPTIME')).toBe('[s]');
    expect(header.getNumber('GAIN')).toBe(1500);
    expect(header.getNumber('RDNOISE')).toBe(0.25);
    expect(header.getNumber('CRVAL1')).toBe(0.25);
    expect(header.getNumber('BITPIX')).toBe(-32);
  });

  it('reads quoted strings with escapes, keeps leading spaces and trims trailing ones', () => {
    const header = parse([
      rawCard("OBJECT  = 'NGC 1300'           / target"),
      rawCard("OBSERVER= 'O''Brien  '"),
      rawCard("PADDED  = '  lead'"),
      rawCard("SLASHED = 'a/b'  / the slash inside quotes is data"),
      rawCard("EMPTY   = ''"),
    ]);
    expect(header.get('OBJECT')).toBe('NGC 1300');
    expect(header.getComment('OBJECT')).toBe('target');
    expect(header.get('OBSERVER')).toBe("O'Brien");
    expect(header.get('PADDED')).toBe('  lead');
    expect(header.get('SLASHED')).toBe('a/b');
    expect(header.getComment('SLASHED')).toBe('the slash inside quotes is data');
    expect(header.get('EMPTY')).toBe('');
    expect(header.has('EMPTY')).toBe(true);
  });

  it('joins CONTINUE long strings', () => {
    const header = parse([
      rawCard("LONGSTR = 'This keyword value is long enough that it spills &' / first"),
      rawCard("CONTINUE  'onto a second card and &'"),
      rawCard("CONTINUE  'a third.' / last"),
      rawCard('AFTER   =                    1'),
    ]);
    expect(header.get('LONGSTR')).toBe(
      'This keyword value is long enough that it spills onto a second card and a third.',
    );
    expect(header.getComment('LONGSTR')).toBe('first last');
    expect(header.getNumber('AFTER')).toBe(1);
    expect(header.cards.filter((c) => c.key === 'CONTINUE')).toEqual([]);
  });

  it('reads HIERARCH keywords by their words, with or without the prefix', () => {
    const header = parse([
      rawCard('HIERARCH ESO DET DIT = 10.5 / integration time'),
      rawCard("HIERARCH ESO OBS NAME = 'deep field'"),
    ]);
    expect(header.getNumber('ESO DET DIT')).toBe(10.5);
    expect(header.getNumber('HIERARCH ESO DET DIT')).toBe(10.5);
    expect(header.getNumber('eso  det dit')).toBe(10.5);
    expect(header.getString('ESO OBS NAME')).toBe('deep field');
  });

  it('keeps COMMENT, HISTORY and blank cards as commentary, never as values', () => {
    const header = parse([
      rawCard('COMMENT This file is part of a test'),
      rawCard("COMMENT = 'not a value'"),
      rawCard('HISTORY reduced with pipeline v2 / not a comment'),
      rawCard(''),
      rawCard('        just text in a blank-keyword card'),
    ]);
    expect(header.comments).toEqual(['This file is part of a test', "= 'not a value'"]);
    expect(header.history).toEqual(['reduced with pipeline v2 / not a comment']);
    expect(header.has('COMMENT')).toBe(false);
    expect(header.get('HISTORY')).toBeUndefined();
    expect(header.cards.filter((c) => c.key === '').length).toBe(2);
  });

  it('tolerates lowercase keywords and a missing space after =', () => {
    const header = parse([
      rawCard('naxis1  =                  100'),
      rawCard('NAXIS2=200'),
      rawCard("telescop= 'HST'"),
    ]);
    expect(header.getNumber('NAXIS1')).toBe(100);
    expect(header.getNumber('naxis2')).toBe(200);
    expect(header.getString('TELESCOP')).toBe('HST');
  });

  it('gives fallbacks for missing keys, reads quoted numbers, and lets the first duplicate win', () => {
    const header = parse([
      rawCard("QUOTED  = '12.5'"),
      rawCard('DUP     =                    1'),
      rawCard('DUP     =                    2'),
      rawCard('NOVALUE ='),
    ]);
    expect(header.getNumber('MISSING')).toBeUndefined();
    expect(header.getNumber('MISSING', 7)).toBe(7);
    expect(header.getString('MISSING', 'x')).toBe('x');
    expect(header.getNumber('QUOTED')).toBe(12.5);
    expect(header.getNumber('DUP')).toBe(1);
    expect(header.has('NOVALUE')).toBe(false);
    expect(header.getString('SIMPLE')).toBe('T');
  });
});

describe('FITS header layout', () => {
  it('measures the padded length and where the data starts', () => {
    const cards = Array.from({ length: 40 }, (_, i) => formatCard(`KEY${i}`, i));
    const block = headerFromCards([...primary, ...cards]); // 44 cards with END: two blocks
    expect(block.length).toBe(5760);
    const header = parseFitsHeader(Buffer.concat([Buffer.alloc(100), block]), 100);
    expect(header.byteLength).toBe(5760);
    expect(header.offset).toBe(100);
    expect(header.end).toBe(5860);
    expect(header.getNumber('KEY39')).toBe(39);
    expect(header.cards.length).toBe(43);
  });

  it('fits exactly 36 cards, END included, in one block', () => {
    const cards = Array.from({ length: 32 }, (_, i) => formatCard(`KEY${i}`, i));
    expect(parseFitsHeader(headerFromCards([...primary, ...cards])).byteLength).toBe(2880);
    const one = Array.from({ length: 33 }, (_, i) => formatCard(`KEY${i}`, i));
    expect(parseFitsHeader(headerFromCards([...primary, ...one])).byteLength).toBe(5760);
  });

  it('reads an extension header starting with XTENSION', () => {
    const ext = headerFromCards([formatCard('XTENSION', 'IMAGE'), formatCard('BITPIX', 16), formatCard('NAXIS', 0)]);
    expect(parseFitsHeader(ext).getString('XTENSION')).toBe('IMAGE');
  });
});

describe('FITS header errors', () => {
  it('rejects bytes that are not FITS', () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.alloc(2876)]);
    expect(() => parseFitsHeader(png)).toThrow(FitsFormatError);
    expect(() => parseFitsHeader(png)).toThrow('not a FITS file: it does not start with SIMPLE');
    expect(() => parseFitsHeader(Buffer.from('SIMPLE'))).toThrow(/too short/);
    const primaryAt = Buffer.concat([Buffer.alloc(2880, 0x20), headerFromCards(primary)]);
    expect(() => parseFitsHeader(primaryAt, 0)).toThrow(/does not start with SIMPLE/);
    expect(() => parseFitsHeader(Buffer.alloc(5760, 0x20), 2880)).toThrow(/no FITS extension header at byte 2880/);
  });

  it('reports a header cut off before END as truncated', () => {
    const block = headerFromCards([...primary, formatCard('KEY', 1)]);
    expect(() => parseFitsHeader(block.subarray(0, 4 * 80))).toThrow(
      'FITS header has no END card: the file is truncated',
    );
  });

  it('gives up on a header with no END within the block limit', () => {
    const cards = Array.from({ length: 200 }, (_, i) => formatCard(`KEY${i}`, i));
    const block = headerFromCards([...primary, ...cards]);
    expect(() => parseFitsHeader(block, 0, { maxBlocks: 2 })).toThrow('FITS header has no END card within 2 blocks');
    expect(parseFitsHeader(block, 0, { maxBlocks: 6 }).getNumber('KEY199')).toBe(199);
  });
});
