// Ground truth from numpy and astropy (Debian's /usr/bin/python3): they read what we write,
// and we read what they write, to the same values. Skipped where they are not installed.
import { describe, it, expect } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type NpyDtype, type NpyTypedArray, readNpyFile, writeNpy } from '../../../electron/core/formats/arrays/npy.js';
import { NpyRowFile } from '../../../electron/core/formats/arrays/npy-row-file.js';
import { toFloat16Bits } from '../../../electron/core/formats/arrays/float16.js';
import { readFitsImage } from '../../../electron/core/formats/fits/reader.js';
import { encodeFitsImage } from '../../../electron/core/formats/fits/writer.js';
import { encodeBinTableExtension, encodeEmptyPrimary, encodeFitsExtension } from '../../helpers/fits-fixtures.js';
import { hasReferencePython, runReferencePython } from '../../helpers/reference-python.js';
import { useSharedTempDir } from '../../helpers/temp-dir.js';

const withNumpy = hasReferencePython(['numpy']);
const withAstropy = hasReferencePython(['numpy', 'astropy']);

const dir = useSharedTempDir('serendip-interop-');

const hexOf = (a: NpyTypedArray) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');

interface NumpyView {
  descr: string;
  shape: number[];
  hex: string;
  mmapHex: string;
}

const DESCRIBE_WITH_NUMPY = `
import sys, json, numpy as np
out = []
for p in sys.argv[1:]:
    a = np.load(p)
    m = np.load(p, mmap_mode='r')
    out.append({'descr': a.dtype.str, 'shape': list(a.shape), 'hex': a.tobytes().hex(),
                'mmapHex': np.asarray(m).tobytes().hex()})
print(json.dumps(out))
`;

describe.skipIf(!withNumpy)('numpy reads what we write', () => {
  it('loads every dtype with identical values, directly and memory-mapped', () => {
    const cases: [NpyTypedArray, NpyDtype | undefined, string][] = [
      [Float32Array.of(1.5, -2, NaN, Infinity, 1e-42, 0), undefined, '<f4'],
      [Float64Array.of(Math.PI, -1e300, 5e-324, NaN, -0, 7), undefined, '<f8'],
      [BigInt64Array.of(1n, -2n, 9007199254740993n, -(2n ** 63n), 2n ** 63n - 1n, 0n), undefined, '<i8'],
      [Int32Array.of(1, -2, 2147483647, -2147483648, 0, 5), undefined, '<i4'],
      [Uint8Array.of(0, 1, 127, 128, 254, 255), undefined, '|u1'],
      [Uint16Array.of(0x3c00, 0xc000, 0x7bff, 0x0001, 0x7c00, 0x8000), '<f2', '<f2'],
      [Uint16Array.of(0, 1, 65535, 32768, 2, 3), undefined, '<u2'],
      [Int16Array.of(-32768, 32767, -1, 0, 1, 2), undefined, '<i2'],
      [Uint8Array.of(1, 0, 0, 1, 1, 0), '|b1', '|b1'],
    ];
    const paths = cases.map(([array, dtype], i) => {
      const path = join(dir(), `numpy-${i}.npy`);
      writeNpy(path, array, [3, 2], dtype ? { dtype } : {});
      return path;
    });
    const seen = runReferencePython<NumpyView[]>(DESCRIBE_WITH_NUMPY, paths);
    cases.forEach(([array, , descr], i) => {
      expect(seen[i], descr).toEqual({ descr, shape: [3, 2], hex: hexOf(array), mmapHex: hexOf(array) });
    });
  });

  it('loads a row file after each append, before and after close', () => {
    const path = join(dir(), 'rows.npy');
    const file = NpyRowFile.openOrCreate(path, { dtype: '<f2', rowShape: [4, 4, 3] });
    const rows = toFloat16Bits(Float32Array.from({ length: 3 * 48 }, (_, i) => i / 7 - 3));
    file.appendRows(rows.subarray(0, 48));
    const whileOpen = runReferencePython<NumpyView[]>(DESCRIBE_WITH_NUMPY, [path])[0];
    expect(whileOpen).toMatchObject({ descr: '<f2', shape: [1, 4, 4, 3], hex: hexOf(rows.subarray(0, 48)) });
    file.appendRows(rows.subarray(48));
    file.close();
    const closed = runReferencePython<NumpyView[]>(DESCRIBE_WITH_NUMPY, [path])[0];
    expect(closed).toEqual({ descr: '<f2', shape: [3, 4, 4, 3], hex: hexOf(rows), mmapHex: hexOf(rows) });
  });
});

describe.skipIf(!withNumpy)('we read what numpy writes', () => {
  it('reads numpy files, and rounds float32 to float16 exactly as numpy does', () => {
    // Random float32 bit patterns cover every exponent, subnormals, infinities and NaNs.
    const bits = new Uint32Array(200_000);
    let state = 12345;
    for (let i = 0; i < bits.length; i++) {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      bits[i] = state;
    }
    const source = new Float32Array(bits.buffer);
    const inPath = join(dir(), 'f32.npy');
    writeNpy(inPath, source, [source.length]);
    const outPath = join(dir(), 'f16-by-numpy.npy');
    runReferencePython<null>(
      'import sys, numpy as np\n' +
        `np.save(sys.argv[2], np.load(sys.argv[1]).astype(np.float16).reshape(500, 400))\nprint('null')`,
      [inPath, outPath],
    );
    const byNumpy = readNpyFile(outPath);
    expect(byNumpy.dtype).toBe('<f2');
    expect(byNumpy.shape).toEqual([500, 400]);
    const theirs = byNumpy.data as Uint16Array;
    const ours = toFloat16Bits(source);
    const differ: number[] = [];
    for (let i = 0; i < ours.length; i++) {
      const bothNaN = (ours[i] & 0x7fff) > 0x7c00 && (theirs[i] & 0x7fff) > 0x7c00;
      if (ours[i] !== theirs[i] && !bothNaN) differ.push(i);
    }
    expect(differ.slice(0, 10)).toEqual([]);
  });
});

function writeFixture(name: string, bytes: Buffer): string {
  const path = join(dir(), name);
  writeFileSync(path, bytes);
  return path;
}

describe.skipIf(!withAstropy)('FITS against astropy', () => {
  it('astropy reads fits-writer files to the values our reader gives', () => {
    const ramp = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));
    // BLANK values are nonzero: astropy skips BLANK = 0 (it tests the value for truth), we do not.
    const fixtures: [string, Buffer][] = [
      [
        'u8.fits',
        encodeFitsImage({
          shape: [5, 4],
          bitpix: 8,
          data: ramp(20, (i) => (i * 13) % 256),
          cards: [
            ['BSCALE', 0.5],
            ['BZERO', -3],
            ['BLANK', 26],
          ],
        }),
      ],
      [
        'u16.fits',
        encodeFitsImage({
          shape: [6, 5],
          bitpix: 16,
          data: ramp(30, (i) => i * 2000 - 32768),
          cards: [['BZERO', 32768]],
        }),
      ],
      [
        'i32.fits',
        encodeFitsImage({
          shape: [4, 3, 2],
          bitpix: 32,
          data: ramp(24, (i) => (i - 12) * 100_000_000),
          cards: [
            ['BSCALE', 1e-3],
            ['BZERO', 5],
            ['BLANK', -1200000000],
          ],
        }),
      ],
      [
        'i64.fits',
        encodeFitsImage({
          shape: [3, 3],
          bitpix: 64,
          data: BigInt64Array.from({ length: 9 }, (_, i) => BigInt(i) * 1_000_000_000_000n - 4n),
        }),
      ],
      [
        'f32.fits',
        encodeFitsImage({
          shape: [4, 4, 3],
          bitpix: -32,
          data: ramp(48, (i) => (i % 7 === 0 ? NaN : Math.sin(i) * 1e5)),
        }),
      ],
      [
        'f64.fits',
        encodeFitsImage({
          shape: [3, 2],
          bitpix: -64,
          data: ramp(6, (i) => Math.PI ** i),
          cards: [
            ['BSCALE', 2],
            ['BZERO', 1],
          ],
        }),
      ],
      [
        'ext.fits',
        Buffer.concat([
          encodeEmptyPrimary(),
          encodeBinTableExtension(3, 5),
          encodeFitsExtension({ shape: [3, 2], bitpix: -32, data: [1, 2, 3, 4, 5, 6], extname: 'SCI' }),
        ]),
      ],
    ];
    const paths = fixtures.map(([name, bytes]) => writeFixture(name, bytes));
    const ours = paths.map((p) => readFitsImage(readFileSync(p), { precision: 'float64' }));
    const script = `
import sys, json, numpy as np
from astropy.io import fits
out = []
for i, (p, hdu) in enumerate(zip(sys.argv[1::2], sys.argv[2::2])):
    with fits.open(p) as f:
        data = np.asarray(f[int(hdu)].data, dtype='<f8')
        np.save(p + '.astropy.npy', np.ascontiguousarray(data).ravel())
        out.append(list(data.shape))
print(json.dumps(out))
`;
    const shapes = runReferencePython<number[][]>(
      script,
      paths.flatMap((p, i) => [p, String(ours[i].hduIndex)]),
    );
    paths.forEach((p, i) => {
      expect(shapes[i], p).toEqual([...ours[i].shape].reverse());
      const theirs = readNpyFile(`${p}.astropy.npy`).data as Float64Array;
      expect([...ours[i].data], p).toEqual([...theirs]);
    });
    expect(ours[6].hduIndex).toBe(2);
    // The BLANK pixels really were in the data, and both readers made them NaN.
    expect(Number.isNaN(ours[0].data[2])).toBe(true);
    expect(Number.isNaN(ours[2].data[0])).toBe(true);
  });

  it('our reader reads astropy-written files, headers included', () => {
    const base = join(dir(), 'astropy-');
    const script = `
import sys, json, numpy as np
from astropy.io import fits
base = sys.argv[1]
rng = np.random.default_rng(7)
cube = rng.normal(size=(3, 5, 4)).astype('>f4')
h = fits.Header()
h['OBJECT'] = "O'Brien's galaxy"
h['LONGNOTE'] = 'x' * 50 + ' then a long tail that needs CONTINUE cards ' + 'y' * 40
h['HIERARCH ESO DET DIT'] = 12.5
h['EXPTIME'] = (1200.0, 'seconds')
fits.PrimaryHDU(cube, header=h).writeto(base + 'cube.fits', overwrite=True)
u16 = (np.arange(20, dtype=np.uint16).reshape(4, 5) * 3000)
table = fits.BinTableHDU.from_columns([fits.Column(name='A', format='E', array=np.arange(7, dtype='f4'))])
fits.HDUList([fits.PrimaryHDU(), table, fits.ImageHDU(u16, name='SCI')]).writeto(base + 'u16.fits', overwrite=True)
ints = np.arange(-6, 6, dtype=np.int16).reshape(3, 4)
scaled = fits.PrimaryHDU(ints)
scaled.header['BSCALE'] = 0.25
scaled.header['BZERO'] = 10.0
scaled.writeto(base + 'scaled.fits', overwrite=True)
for name in ['cube', 'u16', 'scaled']:
    with fits.open(base + name + '.fits') as f:
        hdu = next(x for x in f if x.data is not None and getattr(x, 'is_image', False))
        np.save(base + name + '.npy', np.asarray(hdu.data, dtype='<f8').ravel())
print(json.dumps({'longnote': h['LONGNOTE']}))
`;
    const { longnote } = runReferencePython<{ longnote: string }>(script, [base]);
    const cube = readFitsImage(readFileSync(`${base}cube.fits`), { precision: 'float64' });
    expect(cube).toMatchObject({ hduIndex: 0, bitpix: -32, shape: [4, 5, 3], bands: 3 });
    expect([...cube.data]).toEqual([...(readNpyFile(`${base}cube.npy`).data as Float64Array)]);
    expect(cube.header.getString('OBJECT')).toBe("O'Brien's galaxy");
    expect(cube.header.getString('LONGNOTE')).toBe(longnote);
    expect(cube.header.getNumber('ESO DET DIT')).toBe(12.5);
    expect(cube.header.getComment('EXPTIME')).toBe('seconds');

    const u16 = readFitsImage(readFileSync(`${base}u16.fits`));
    expect(u16).toMatchObject({ hduIndex: 2, bitpix: 16, width: 5, height: 4 });
    expect(u16.header.getString('EXTNAME')).toBe('SCI');
    expect([...u16.data]).toEqual([...(readNpyFile(`${base}u16.npy`).data as Float64Array)]);
    expect(u16.data[19]).toBe(57000);

    const scaled = readFitsImage(readFileSync(`${base}scaled.fits`), { precision: 'float64' });
    expect([...scaled.data]).toEqual([...(readNpyFile(`${base}scaled.npy`).data as Float64Array)]);
    expect(scaled.data[0]).toBe(10 - 6 * 0.25);
  });
});
