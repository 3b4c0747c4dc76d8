// PLIO_1 tile-compressed masks against what astropy (cfitsio's pl_l2pi) decodes from the same
// files (test/fixtures/fits-images, made by make-plio-fixture.py), bit-exact; and corrupt line
// lists refused with a FitsFormatError rather than a crash, a hang or a write past the tile.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFitsHdus } from '../../../../electron/core/formats/fits/hdu-list.js';
import { FitsFormatError, readFitsImage } from '../../../../electron/core/formats/fits/reader.js';
import { plioDecode } from '../../../../electron/core/formats/fits/plio.js';

const DIR = join(import.meta.dirname, '../../../fixtures/fits-images');

interface Expected {
  shape: number[];
  values: number[];
}

function fixture(name: string): { bytes: Buffer; expected: Expected } {
  return {
    bytes: readFileSync(join(DIR, name)),
    expected: (JSON.parse(readFileSync(join(DIR, `${name}.json`), 'utf8')) as Expected[])[0],
  };
}

/** Big-endian 16-bit words, as a PLIO_1 tile sits in the heap. */
function words(...list: number[]): Uint8Array {
  const out = new Uint8Array(list.length * 2);
  const view = new DataView(out.buffer);
  list.forEach((w, i) => view.setUint16(i * 2, w & 0xffff));
  return out;
}

/** A new-format line list (7-word header) around the given instructions. */
function lineList(...instructions: number[]): Uint8Array {
  const length = 7 + instructions.length;
  return words(0, 7, -100, length % 32768, Math.floor(length / 32768), 0, 0, ...instructions);
}

describe('PLIO_1 images (astropy ground truth)', () => {
  for (const name of ['plio-i16.fits.fz', 'plio-i32.fits.fz', 'plio-u8.fits.fz']) {
    it(`${name} decodes to astropy's values exactly`, () => {
      const { bytes, expected } = fixture(name);
      for (const precision of ['float64', 'float32'] as const) {
        const image = readFitsImage(bytes, { precision });
        expect(image.hduIndex).toBe(1);
        expect([image.width, image.height]).toEqual(expected.shape);
        expect(image.data.length).toBe(expected.values.length);
        let mismatches = 0;
        for (let i = 0; i < expected.values.length; i++) if (image.data[i] !== expected.values[i]) mismatches++;
        expect(mismatches).toBe(0);
      }
    });
  }
});

describe('plioDecode', () => {
  it('runs every opcode as pl_l2pi does', () => {
    const out = new Int32Array(16);
    // ZN 2, SH 5000 (= 1·4096 + 904), HN 3, PN 3, IH 10, IS 1, DS 2, DH 4000, HN 2, then zeros.
    plioDecode(
      lineList(0x0002, 0x1000 | 904, 1, 0x4003, 0x5003, 0x200a, 0x6001, 0x7002, 0x3000 | 4000, 0x4002),
      16,
      out,
      't',
    );
    expect(Array.from(out)).toEqual([0, 0, 5000, 5000, 5000, 0, 0, 5000, 5011, 5009, 1009, 1009, 0, 0, 0, 0]);
  });

  it('clips runs at the tile end and reads the old header format', () => {
    const out = new Int32Array(4).fill(9);
    plioDecode(lineList(0x4fff), 3, out, 't'); // HN 4095 into 3 pixels; pv starts at 1
    expect(Array.from(out)).toEqual([1, 1, 1, 9]);
    const old = new Int32Array(3);
    plioDecode(words(0, 0, 5, 0x0001, 0x5001), 3, old, 't'); // length 5, instructions from word 3
    expect(Array.from(old)).toEqual([0, 1, 0]);
  });

  it('refuses corrupt line lists with a FitsFormatError', () => {
    const out = new Int32Array(8);
    expect(() => plioDecode(new Uint8Array(3), 8, out, 'tile 1')).toThrow(
      /tile 1: PLIO_1 tile has an odd number of bytes/,
    );
    expect(() => plioDecode(words(0, 7), 8, out, 't')).toThrow(/too short/);
    expect(() => plioDecode(words(0, 7, -100, 900, 0, 0, 0, 0x4008), 8, out, 't')).toThrow(
      /claims 900 words, the tile holds 8/,
    );
    expect(() => plioDecode(words(0, 1, -100, 8, 0, 0, 0, 0x4008), 8, out, 't')).toThrow(/starts at word 1/);
    expect(() => plioDecode(lineList(0x9001), 8, out, 't')).toThrow(/unknown opcode 9/);
    expect(() => plioDecode(lineList(0x1001), 8, out, 't')).toThrow(/ends inside a set-high/);
  });

  it('corrupted PLIO_1 files either decode or throw a FitsFormatError, never anything else', () => {
    let state = 4242;
    const random = () => (state = (state * 1103515245 + 12345) >>> 0) / 2 ** 32;
    for (const name of ['plio-i16.fits.fz', 'plio-i32.fits.fz']) {
      const { bytes } = fixture(name);
      const heap = listFitsHdus(bytes)[1].dataOffset;
      for (let trial = 0; trial < 300; trial++) {
        const broken = Buffer.from(bytes);
        for (let k = 0; k < 4; k++)
          broken[heap + Math.floor(random() * (bytes.length - heap))] = Math.floor(random() * 256);
        try {
          const image = readFitsImage(broken);
          expect(image.data.length).toBe(image.width * image.height);
        } catch (err) {
          expect(err, `${name} trial ${trial}`).toBeInstanceOf(FitsFormatError);
        }
      }
    }
  });

  it('the file-level error names the HDU and tile', () => {
    const { bytes } = fixture('plio-u8.fits.fz');
    const hdu = listFitsHdus(bytes)[1];
    const heapStart = hdu.dataOffset + hdu.shape[0] * hdu.shape[1];
    const broken = Buffer.from(bytes);
    broken[heapStart + 14] = 0xf0; // the first instruction of tile 1 becomes opcode 15
    expect(() => readFitsImage(broken)).toThrow(
      /HDU 1 'COMPRESSED_IMAGE' tile 1: PLIO_1 line list has an unknown opcode 15/,
    );
  });
});
