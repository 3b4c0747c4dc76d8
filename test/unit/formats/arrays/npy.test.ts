import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  type NpyDtype,
  type NpyTypedArray,
  NpyFormatError,
  encodeNpy,
  encodeNpyHeader,
  parseNpyHeader,
  readNpy,
  readNpyFile,
  writeNpy,
} from '../../../../electron/core/formats/arrays/npy.js';
import { useSharedTempDir } from '../../../helpers/temp-dir.js';

const dir = useSharedTempDir('serendip-npy-');

/** A hand-built .npy with an arbitrary dict, for files this module never writes. */
function npyWithDict(dict: string, data: Uint8Array): Buffer {
  const total = Math.ceil((10 + dict.length + 1) / 64) * 64;
  const header = Buffer.alloc(total, 0x20);
  Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]).copy(header);
  header.writeUInt16LE(total - 10, 8);
  header.write(dict, 10, 'latin1');
  header[total - 1] = 0x0a;
  return Buffer.concat([header, data]);
}

describe('npy round trips', () => {
  const cases: [NpyDtype | undefined, NpyTypedArray, NpyDtype][] = [
    [undefined, Float32Array.of(1.5, -2, 3.25, NaN, Infinity, 0), '<f4'],
    [undefined, Float64Array.of(Math.PI, -1e300, 5e-324, 0, -0, 7), '<f8'],
    [undefined, BigInt64Array.of(1n, -2n, 9007199254740993n, -(2n ** 63n), 2n ** 63n - 1n, 0n), '<i8'],
    [undefined, Int32Array.of(1, -2, 2147483647, -2147483648, 0, 5), '<i4'],
    [undefined, Uint8Array.of(0, 1, 127, 128, 255, 9), '|u1'],
    ['<f2', Uint16Array.of(0x3c00, 0xc000, 0x7bff, 0x0001, 0x7c00, 0x7e00), '<f2'],
    [undefined, Uint16Array.of(0, 1, 65535, 32768, 2, 3), '<u2'],
    [undefined, Int16Array.of(-32768, 32767, -1, 0, 1, 2), '<i2'],
    ['|b1', Uint8Array.of(1, 0, 0, 1, 1, 0), '|b1'],
  ];
  for (const [override, array, expected] of cases) {
    it(`writes and reads ${expected}`, () => {
      const path = join(dir(), `roundtrip-${expected.slice(1)}.npy`);
      writeNpy(path, array, [2, 3], override ? { dtype: override } : {});
      const back = readNpyFile(path);
      expect(back.dtype).toBe(expected);
      expect(back.shape).toEqual([2, 3]);
      expect(back.fortranOrder).toBe(false);
      expect(back.data.constructor).toBe(array.constructor);
      expect([...back.data]).toEqual([...array]);
    });
  }

  it('leaves no temporary files behind', () => {
    expect(readdirSync(dir()).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('npy layout', () => {
  it('writes the header numpy writes, with data on a 64-byte boundary', () => {
    const bytes = encodeNpy(Float32Array.of(1, 2, 3, 4, 5, 6), [2, 3]);
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]));
    const headerLength = bytes.readUInt16LE(8);
    expect((10 + headerLength) % 64).toBe(0);
    const dict = bytes.toString('latin1', 10, 10 + headerLength);
    expect(dict.trimEnd()).toBe("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }");
    expect(dict.endsWith('\n')).toBe(true);
    expect(bytes.length).toBe(10 + headerLength + 24);
    expect(bytes.readFloatLE(10 + headerLength + 8)).toBe(3);
  });

  it('writes 1-D shapes with the trailing comma and scalars as ()', () => {
    expect(encodeNpyHeader('<f4', [5]).toString('latin1')).toContain("'shape': (5,)");
    expect(encodeNpyHeader('<f4', []).toString('latin1')).toContain("'shape': ()");
    const scalar = readNpy(encodeNpy(Float64Array.of(2.5), []));
    expect(scalar.shape).toEqual([]);
    expect([...scalar.data]).toEqual([2.5]);
  });

  it('pads a fixed-size header in place and refuses one that does not fit', () => {
    const header = encodeNpyHeader('<f2', [3, 64, 64, 3], 256);
    expect(header.length).toBe(256);
    expect(parseNpyHeader(header)).toEqual({
      dtype: '<f2',
      shape: [3, 64, 64, 3],
      fortranOrder: false,
      dataOffset: 256,
    });
    expect(() => encodeNpyHeader('<f4', [1, 2, 3], 64)).toThrow(NpyFormatError);
    expect(() => encodeNpyHeader('<f4', [1, 2, 3], 100)).toThrow(/multiple of 64/);
  });

  it('reads from an unaligned buffer by copying, and views an aligned one', () => {
    const bytes = encodeNpy(Float64Array.of(1, 2, 3), [3]);
    const unaligned = Buffer.alloc(bytes.length + 3);
    bytes.copy(unaligned, 3);
    const back = readNpy(unaligned.subarray(3));
    expect([...back.data]).toEqual([1, 2, 3]);
    const aligned = new Uint8Array(bytes.length);
    aligned.set(bytes);
    expect(readNpy(aligned).data.buffer).toBe(aligned.buffer);
  });
});

describe('npy errors', () => {
  it('rejects a shape that does not match the array', () => {
    expect(() => encodeNpy(Float32Array.of(1, 2, 3), [2, 2])).toThrow(/holds 4 values but the array has 3/);
    expect(() => encodeNpy(Float32Array.of(1, 2), [-1, -2])).toThrow(NpyFormatError);
  });

  it('rejects a dtype override the array type cannot hold', () => {
    expect(() => encodeNpy(Float32Array.of(1), [1], { dtype: '<f2' })).toThrow(
      /Float32Array cannot be written as dtype <f2/,
    );
  });

  it('rejects Fortran order and big-endian data with the reason', () => {
    const eight = new Uint8Array(8);
    expect(() => readNpy(npyWithDict("{'descr': '<f4', 'fortran_order': True, 'shape': (2,), }", eight))).toThrow(
      /Fortran-order/,
    );
    expect(() => readNpy(npyWithDict("{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }", eight))).toThrow(
      /big-endian/,
    );
    expect(() => readNpy(npyWithDict("{'descr': '<U8', 'fortran_order': False, 'shape': (2,), }", eight))).toThrow(
      /unsupported .npy dtype <U8/,
    );
  });

  it('accepts the spellings numpy uses for single bytes and native order', () => {
    const bytes = Uint8Array.of(7, 8);
    expect(readNpy(npyWithDict("{'descr': '>u1', 'fortran_order': False, 'shape': (2,), }", bytes)).dtype).toBe('|u1');
    expect(readNpy(npyWithDict("{'descr': '<u1', 'fortran_order': False, 'shape': (2,), }", bytes)).dtype).toBe('|u1');
    const f4 = readNpy(
      npyWithDict(
        "{'descr': '=f4', 'fortran_order': False, 'shape': (1,), }",
        new Uint8Array(Float32Array.of(0.5).buffer),
      ),
    );
    expect(f4.dtype).toBe('<f4');
    expect([...f4.data]).toEqual([0.5]);
  });

  it('rejects truncated data and files that are not .npy', () => {
    const bytes = encodeNpy(Float32Array.of(1, 2, 3, 4), [4]);
    expect(() => readNpy(bytes.subarray(0, bytes.length - 1))).toThrow(
      /truncated: shape \(4,\) needs 16 bytes, file has 15/,
    );
    expect(() => readNpy(Buffer.from('SIMPLE  =                    T'))).toThrow(/not a .npy file/);
    expect(() => readNpy(bytes.subarray(0, 20))).toThrow(/header is truncated/);
  });

  it('writes exactly the padded header and the data', () => {
    const path = join(dir(), 'plain.npy');
    writeNpy(path, Int32Array.of(4, 5, 6), [3]);
    expect(readFileSync(path).length).toBe(128 + 12);
  });
});
