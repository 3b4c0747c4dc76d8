// The one parser of typed RA/Dec and of IAU-style names, against positions worked out by hand.
import { describe, expect, it } from 'vitest';
import {
  formatSexagesimal,
  parseSkyPosition,
  positionFromIauName,
} from '../../../electron/core/util/sky-coordinates.js';

function position(text: string): { ra: number; dec: number } {
  const parsed = parseSkyPosition(text);
  if (!parsed || !('position' in parsed)) throw new Error(`${text} did not parse: ${JSON.stringify(parsed)}`);
  return parsed.position;
}

function error(text: string): string {
  const parsed = parseSkyPosition(text);
  if (!parsed || !('error' in parsed)) throw new Error(`${text} was not refused: ${JSON.stringify(parsed)}`);
  return parsed.error;
}

describe('parseSkyPosition', () => {
  it('reads degrees separated by space or comma', () => {
    expect(position('150.1 2.2')).toEqual({ ra: 150.1, dec: 2.2 });
    expect(position('150.1, +2.2')).toEqual({ ra: 150.1, dec: 2.2 });
    expect(position('150.1,-2.2')).toEqual({ ra: 150.1, dec: -2.2 });
    expect(position(' 0 -90 ')).toEqual({ ra: 0, dec: -90 });
    expect(position('359.5 -0.25')).toEqual({ ra: 359.5, dec: -0.25 });
  });

  it('reads sexagesimal RA in hours and Dec in degrees', () => {
    // 10h00m24s = (10 + 24/3600) × 15 = 150.1°; +02°12′00″ = 2.2°.
    const cases = ['10:00:24.0 +02:12:00', '10h00m24s +2d12m00s', '10 00 24 +02 12 00', '10:00:24, 2:12:00'];
    for (const text of cases) {
      const p = position(text);
      expect(p.ra, text).toBeCloseTo(150.1, 10);
      expect(p.dec, text).toBeCloseTo(2.2, 10);
    }
    expect(position('00:00:00 -00:30:00')).toEqual({ ra: 0, dec: -0.5 });
    expect(position('23:59:59.9 -89:59:59')).toEqual({
      ra: (23 + 59 / 60 + 59.9 / 3600) * 15,
      dec: -(89 + 59 / 60 + 59 / 3600),
    });
    expect(position('12h30m +12°23′')).toEqual({ ra: 187.5, dec: 12 + 23 / 60 });
  });

  it('keeps the minus of a Dec whose degrees are zero', () => {
    expect(position('10:00:00 -00:30:00').dec).toBe(-0.5);
    expect(position('150 -0 30 00').dec).toBe(-0.5);
  });

  it('refuses coordinates out of range with the reason', () => {
    expect(error('150 91')).toMatch(/Dec must lie within ±90/);
    expect(error('10:00:00 +90:00:01')).toMatch(/Dec must lie within ±90/);
    expect(error('24:00:00 +10:00:00')).toMatch(/RA must be below 24h/);
    expect(error('360 10')).toMatch(/RA must be below 360/);
    expect(error('10:60:00 +10:00:00')).toMatch(/below 60/);
    expect(error('10:00:00 +10:00:60')).toMatch(/below 60/);
    expect(error('10.5:00:00 +10:00:00')).toMatch(/only the last field/);
  });

  it('leaves names and lone numbers to the name search', () => {
    for (const text of ['DEMO-00012', 'SDSS J100024.00+021200.0', '1237648720693755918', '', '  ', 'abc 12']) {
      expect(parseSkyPosition(text), text).toBeNull();
    }
  });
});

describe('positionFromIauName', () => {
  it('reads the position written into the name', () => {
    for (const name of ['J100024.00+021200.0', 'SDSS J100024.00+021200.0', 'SDSS_J100024.00+021200.0']) {
      const p = positionFromIauName(name);
      expect(p?.ra, name).toBeCloseTo(150.1, 10);
      expect(p?.dec, name).toBeCloseTo(2.2, 10);
    }
    expect(positionFromIauName('J000000.00-003000.0')).toEqual({ ra: 0, dec: -0.5 });
    expect(positionFromIauName('PSR J1000+0212')).toEqual({ ra: 150, dec: 2.2 });
  });

  it('refuses malformed names', () => {
    for (const name of [
      'J250000.00+021200.0', // RA 25h
      'J100024.00+951200.0', // Dec 95°
      'J106024.00+021200.0', // 60 minutes
      'J100024.00021200.0', // no Dec sign
      'J100024.00+0212', // seconds in RA, none in Dec
      'DEMO-00012',
      'XJ100024.00+021200.0', // J inside a word
      'J100024.00+021200.0x', // trailing text
    ]) {
      expect(positionFromIauName(name), name).toBeNull();
    }
  });
});

describe('formatSexagesimal', () => {
  it('writes RA in hours to 0.01 s and Dec to 0.1″, and reads back through the parser', () => {
    expect(formatSexagesimal({ ra: 150.1, dec: 2.2 })).toBe('10:00:24.00 +02:12:00.0');
    expect(formatSexagesimal({ ra: 0, dec: -0.5 })).toBe('00:00:00.00 -00:30:00.0');
    // 59.999 s rounds to the next minute, not to "60.00".
    expect(formatSexagesimal({ ra: (59.9999 / 3600) * 15, dec: 89.99999 })).toBe('00:01:00.00 +90:00:00.0');
    const back = position(formatSexagesimal({ ra: 152.42451, dec: 11.70055 }));
    expect(back.ra).toBeCloseTo(152.42451, 4);
    expect(back.dec).toBeCloseTo(11.70055, 4);
  });
});
