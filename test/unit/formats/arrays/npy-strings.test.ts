import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NpyFormatError } from '../../../../electron/core/formats/arrays/npy.js';
import { isNpyStringDescr, readNpyStrings } from '../../../../electron/core/formats/arrays/npy-strings.js';
import { hasReferencePython, runReferencePython } from '../../../helpers/reference-python.js';
import { useSharedTempDir } from '../../../helpers/temp-dir.js';

const dir = useSharedTempDir('serendip-npy-strings-');

/** A hand-built .npy with the given dict, as numpy lays it out (data on a 64-byte boundary). */
function npyWithDict(dict: string, data: Uint8Array): Buffer {
  const total = Math.ceil((10 + dict.length + 1) / 64) * 64;
  const header = Buffer.alloc(total, 0x20);
  Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]).copy(header);
  header.writeUInt16LE(total - 10, 8);
  header.write(dict, 10, 'latin1');
  header[total - 1] = 0x0a;
  return Buffer.concat([header, data]);
}

/** UTF-32 items of `width` code points, NUL-padded, in the given byte order. */
function utf32(values: string[], width: number, littleEndian = true): Buffer {
  const out = Buffer.alloc(values.length * width * 4);
  values.forEach((value, i) => {
    [...value].forEach((ch, j) => {
      const at = (i * width + j) * 4;
      if (littleEndian) out.writeUInt32LE(ch.codePointAt(0)!, at);
      else out.writeUInt32BE(ch.codePointAt(0)!, at);
    });
  });
  return out;
}

describe('readNpyStrings', () => {
  it('reads a unicode array, stripping the NUL padding but not inner spaces', () => {
    const names = ['NGC 4414', 'Ω-1', 'a', '🌌x'];
    const file = npyWithDict("{'descr': '<U8', 'fortran_order': False, 'shape': (4,), }", utf32(names, 8));
    expect(readNpyStrings(file)).toEqual({ shape: [4], values: names });
  });

  it('reads a big-endian unicode array and a bytes array', () => {
    const big = npyWithDict(
      "{'descr': '>U3', 'fortran_order': False, 'shape': (2,), }",
      utf32(['ab', 'xyz'], 3, false),
    );
    expect(readNpyStrings(big).values).toEqual(['ab', 'xyz']);
    const bytes = Buffer.from('G1\0\0G22\0G333', 'latin1');
    const s = npyWithDict("{'descr': '|S4', 'fortran_order': False, 'shape': (3,), }", bytes);
    expect(readNpyStrings(s)).toEqual({ shape: [3], values: ['G1', 'G22', 'G333'] });
  });

  it('refuses object arrays, numbers and truncated data with a message', () => {
    const objects = npyWithDict("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", Buffer.alloc(8));
    expect(() => readNpyStrings(objects)).toThrow(/Python objects .*astype\(str\)/);
    const floats = npyWithDict("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", Buffer.alloc(4));
    expect(() => readNpyStrings(floats)).toThrow(/expected a .npy array of strings, found dtype <f4/);
    const short = npyWithDict("{'descr': '<U4', 'fortran_order': False, 'shape': (3,), }", Buffer.alloc(20));
    expect(() => readNpyStrings(short)).toThrow(NpyFormatError);
  });

  it('tells string dtypes from others', () => {
    expect(['<U8', '|S12', '>U1', '=U3'].map(isNpyStringDescr)).toEqual([true, true, true, true]);
    expect(['<f4', '|O', '<U', 'U8'].map(isNpyStringDescr)).toEqual([false, false, false, false]);
  });
});

// Skipped, with this reason in its name, where python3 with numpy is missing.
describe('readNpyStrings against numpy (needs python3 with numpy)', () => {
  const python = hasReferencePython(['numpy']);

  it.skipIf(!python)('reads the U and S arrays numpy.save writes, 1-D and 2-D', () => {
    const folder = dir();
    const script = `
import sys, json, numpy as np
folder = sys.argv[1]
names = ['DEMO-000001', 'Ω Cen', '', 'M 31 ', 'x' * 40]
np.save(folder + '/u.npy', np.array(names))
np.save(folder + '/s.npy', np.array([n.encode('utf-8') for n in names]))
np.save(folder + '/u2.npy', np.array([['a', 'bc'], ['def', 'g']]))
print(json.dumps({'u': str(np.load(folder + '/u.npy').dtype), 'back': np.load(folder + '/u.npy').tolist()}))
`;
    const reference = runReferencePython<{ u: string; back: string[] }>(script, [folder]);
    expect(reference.u).toBe('<U40');
    const u = readNpyStrings(readFileSync(join(folder, 'u.npy')));
    expect(u.shape).toEqual([5]);
    // numpy itself strips trailing NULs only, so what it reads back is the answer.
    expect(u.values).toEqual(reference.back);
    expect(readNpyStrings(readFileSync(join(folder, 's.npy'))).values).toEqual(reference.back);
    expect(readNpyStrings(readFileSync(join(folder, 'u2.npy')))).toEqual({
      shape: [2, 2],
      values: ['a', 'bc', 'def', 'g'],
    });
  });
});
