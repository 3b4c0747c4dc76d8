// Ingest against broken input, for the readers ingest-fuzz.test.ts leaves out: HDF5 cutout
// collections, text spectra, DESI and SDSS spectrum tables, FITS binary and ASCII tables,
// tile-compressed (.fz) and gzipped (.fits.gz) FITS, and files that are not files at all (a
// FIFO, a folder named x.fits, a file nobody may read). Damaged copies of real fixtures are
// ingested in one pass: each is an object or a recorded error with a plain reason, the pass
// never throws or hangs, and memory stays bounded even for decompression bombs (an HDF5
// dataset declaring 50 million rows in 4 kB, a .fits.gz inflating to 3 GB, a 1.8 GB sparse FITS).
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../electron/core/discovery/seeded-random.js';
import { FitsFormatError } from '../../electron/core/formats/fits/header.js';
import { readFitsTable } from '../../electron/core/formats/fits/table.js';
import { writeHdf5 } from '../../electron/core/formats/hdf5/file.js';
import { encodeFitsHeader, formatCard } from '../../electron/core/formats/fits/writer.js';
import { ingestPaths } from '../../electron/core/ingest/ingest-files.js';
import { Workspace } from '../../electron/core/workspace/workspace.js';
import { writeFloatNchw, writeGalaxy10Like } from '../fixtures/hdf5/cutout-fixture.js';
import { encodeSdssSpec } from '../fixtures/spectra/sdss-spec-fixture.js';
import { dataStartOf, findCard, flipVariants, truncations, withCard } from '../helpers/damage.js';
import { CLI_PATH } from '../helpers/run-cli.js';
import { useSharedTempDir } from '../helpers/temp-dir.js';

const FIXTURES = join(import.meta.dirname, '../fixtures');
const FLIP_VARIANTS = 8;
const FLIPS_PER_FILE = 16;

/** A gzip stream inflating to `bytes` zero bytes, made of repeated 64 MiB members so building it stays cheap. */
function gzippedZeros(bytes: number): Buffer {
  const member = gzipSync(Buffer.alloc(64 * 2 ** 20), { level: 9 });
  const tail = bytes % (64 * 2 ** 20);
  return Buffer.concat([
    ...Array<Buffer>(Math.floor(bytes / (64 * 2 ** 20))).fill(member),
    ...(tail ? [gzipSync(Buffer.alloc(tail))] : []),
  ]);
}

/** A primary image header declaring width × height float32 pixels. */
function imageHeader(width: number, height: number): Buffer {
  return encodeFitsHeader([
    formatCard('SIMPLE', true),
    formatCard('BITPIX', -32),
    formatCard('NAXIS', 2),
    formatCard('NAXIS1', width),
    formatCard('NAXIS2', height),
  ]);
}

/** Text spectrum rows: wavelength, flux, error, rising from 4000 Å. */
function spectrumRows(
  rows: number,
  row = (i: number) => `${4000 + i * 2},${(1 + Math.sin(i / 20)).toFixed(4)},0.1`,
): string {
  return Array.from({ length: rows }, (_, i) => row(i)).join('\n') + '\n';
}

describe('ingest fuzz: HDF5, text spectra, FITS tables, compressed and gzipped FITS, odd files', () => {
  const dir = useSharedTempDir('serendip-fuzz-formats-')();

  it('turns every damaged file into an object or a recorded error, and never throws', async () => {
    const cases = join(dir, 'cases');
    const texts = join(dir, 'texts');
    mkdirSync(cases);
    mkdirSync(texts);
    const random = new SeededRandom(91);
    let count = 0;
    const write = (name: string, bytes: Buffer | string): void => {
      writeFileSync(join(cases, name), bytes);
      count++;
    };
    /** Empty, truncated at many offsets, seeded bit flips (all over, and in the first header or superblock). */
    const damageAll = (name: string, ext: string, bytes: Buffer, headerBytes = 2880): void => {
      write(`${name}-empty.${ext}`, Buffer.alloc(0));
      for (const [at, cut] of truncations(bytes)) write(`${name}-cut-${at}.${ext}`, cut);
      flipVariants(bytes, random, FLIP_VARIANTS, FLIPS_PER_FILE).forEach((b, v) =>
        write(`${name}-flip-${v}.${ext}`, b),
      );
      flipVariants(bytes, random, FLIP_VARIANTS / 2, 3, 0, headerBytes).forEach((b, v) =>
        write(`${name}-headflip-${v}.${ext}`, b),
      );
    };

    // HDF5 cutout collections.
    const h5 = join(dir, 'h5');
    mkdirSync(h5);
    await writeGalaxy10Like(join(h5, 'galaxy.h5'), 6, 16);
    await writeFloatNchw(join(h5, 'float.h5'), 3, 2, 8);
    // Chunked and gzip-filtered, as h5py writes big collections: damage then reaches the filter too.
    await writeHdf5(join(h5, 'chunked.h5'), (f) => {
      f.create_dataset({
        name: 'images',
        data: Uint8Array.from({ length: 6 * 16 * 16 * 3 }, (_, i) => i % 251),
        shape: [6, 16, 16, 3],
        dtype: '<B',
        chunks: [1, 16, 16, 3],
        compression: 'gzip',
        compression_opts: 4,
      });
      f.create_dataset({ name: 'names', data: Array.from({ length: 6 }, (_, i) => `C${i}`) });
    });
    damageAll('h5-chunked', 'h5', readFileSync(join(h5, 'chunked.h5')), 512);
    const galaxy = readFileSync(join(h5, 'galaxy.h5'));
    damageAll('h5-galaxy', 'h5', galaxy, 512);
    damageAll('h5-float', 'hdf5', readFileSync(join(h5, 'float.h5')), 512);
    write('h5-wrong-magic.h5', Buffer.concat([Buffer.from('\x89HDF\r\n\x1b\x0b'), galaxy.subarray(8)]));
    write('h5-text.h5', 'this is not an HDF5 file\n');
    const h5Case = async (name: string, build: Parameters<typeof writeHdf5>[1]): Promise<void> => {
      await writeHdf5(join(cases, name), build);
      count++;
    };
    // Chunked, compressed datasets resized far past what was written: unwritten chunks read
    // as the fill value, so a few kB declare gigabytes (a decompression bomb's shape).
    const bomb = (shape: number[]) => (file: Parameters<Parameters<typeof writeHdf5>[1]>[0]) => {
      const chunk = shape.map((n, i) => (i === 0 ? 1 : Math.min(n, 64)));
      file.create_dataset({
        name: 'images',
        data: new Float32Array(chunk.reduce((a, b) => a * b, 1)),
        shape: chunk,
        dtype: '<f',
        maxshape: shape.map(() => null),
        chunks: chunk,
        compression: 'gzip',
        compression_opts: 9,
      });
      (file.get('images') as unknown as { resize(s: number[]): number }).resize(shape);
    };
    await h5Case('h5-rows-1e9.h5', bomb([1_000_000_000, 8, 8]));
    await h5Case('h5-rows-5e7.h5', bomb([50_000_000, 8, 8]));
    await h5Case('h5-side-1e5.h5', bomb([1, 100_000, 100_000]));
    await h5Case('h5-side-1e4.h5', bomb([1, 10_000, 10_000]));
    await h5Case('h5-rank-2.h5', (f) =>
      f.create_dataset({ name: 'images', data: new Float32Array(64 * 64), shape: [64, 64], dtype: '<f' }),
    );
    await h5Case('h5-rank-5.h5', (f) =>
      f.create_dataset({
        name: 'images',
        data: new Float32Array(2 * 2 * 8 * 8 * 2),
        shape: [2, 2, 8, 8, 2],
        dtype: '<f',
      }),
    );
    await h5Case('h5-strings.h5', (f) => f.create_dataset({ name: 'images', data: ['a', 'b', 'c'] }));
    await h5Case('h5-no-datasets.h5', (f) => f.create_group('empty'));
    const nanPixels = Float32Array.from({ length: 4 * 16 * 16 }, (_, i) =>
      i % 7 === 0 ? NaN : i % 11 === 0 ? Infinity : i % 13 === 0 ? -Infinity : i / 10,
    );
    await h5Case('h5-nan-inf.h5', (f) =>
      f.create_dataset({ name: 'images', data: nanPixels, shape: [4, 16, 16], dtype: '<f' }),
    );

    // FITS tables: SDSS and DESI spectra, binary and ASCII tables, with absurd table cards.
    const tables: [string, Buffer][] = [
      ['sdss-fixture', readFileSync(join(FIXTURES, 'fits-tables/spec-0266-51602-0001.fits'))],
      ['sdss-written', encodeSdssSpec({ pixels: 400 })],
      ['desi', readFileSync(join(FIXTURES, 'desi/coadd-fixture.fits'))],
      ['bintable', readFileSync(join(FIXTURES, 'fits-tables/table-types.fits'))],
      ['vla', readFileSync(join(FIXTURES, 'fits-tables/table-vla.fits'))],
      ['ascii', readFileSync(join(FIXTURES, 'fits-tables/ascii-table.fits'))],
      ['linear-spectrum', readFileSync(join(FIXTURES, 'fits-tables/spectrum-linear.fits'))],
    ];
    const absurd: [string, string][] = [
      ['NAXIS2', '1000000000'],
      ['NAXIS2', '-3'],
      ['NAXIS1', '999999999'],
      ['NAXIS1', '-1'],
      ['NAXIS1', '0'],
      ['TFIELDS', '100000'],
      ['TFIELDS', '-2'],
      ['PCOUNT', '99999999999'],
      ['TFORM1', "'999999999E'"],
      ['TFORM1', "'-5E'"],
      ['TFORM2', "'2147483647D'"],
      ['TFORM1', "'PE(99999999)'"],
      ['TBCOL2', '99999'],
    ];
    for (const [name, bytes] of tables) {
      damageAll(`table-${name}`, 'fits', bytes);
      for (let hdu = 1; findCard(bytes, 'XTENSION', hdu) >= 0 && hdu <= 3; hdu++) {
        for (const [key, value] of absurd) {
          if (findCard(bytes, key, hdu) >= 0)
            write(`table-${name}-hdu${hdu}-${key}-${value.replace(/\W/g, '')}.fits`, withCard(bytes, key, value, hdu));
        }
      }
    }

    // Heap descriptors of the variable-length column (TFORM2 = PE(5), after a 4-byte J) pointing past the heap.
    const vla = tables.find(([name]) => name === 'vla')![1];
    for (const [label, count, offset] of [
      ['count', 0x7fffffff, 0],
      ['offset', 5, 0x7ffffff0],
      ['negative', -1, -8],
    ] as const) {
      const b = Buffer.from(vla);
      b.writeInt32BE(count, dataStartOf(vla, 1) + 4);
      b.writeInt32BE(offset, dataStartOf(vla, 1) + 8);
      write(`table-vla-descriptor-${label}.fits`, b);
    }

    // Tile-compressed images: absurd geometry, corrupt tiles and heap descriptors out of range.
    for (const fixture of ['rice-i16', 'rice-f32-dither1', 'gzip1-f32', 'gzip2-i32', 'plio-i16']) {
      const fz = readFileSync(join(FIXTURES, `fits-images/${fixture}.fits.fz`));
      damageAll(`fz-${fixture}`, 'fits.fz', fz);
      for (const [key, value] of [
        ['ZNAXIS1', '100000000'],
        ['ZNAXIS2', '-4'],
        ['ZNAXIS', '0'],
        ['ZTILE1', '0'],
        ['ZTILE2', '0'],
        ['ZTILE1', '-1'],
        ['ZBITPIX', '12'],
        ['ZCMPTYPE', "'LZMA_9'"],
        ['TFORM1', "'1QB(64)'"],
      ] as const) {
        write(`fz-${fixture}-${key}-${value.replace(/\W/g, '')}.fits.fz`, withCard(fz, key, value, 1));
      }
      const data = dataStartOf(fz, 1);
      const rowBytes = Number(
        /NAXIS1\s*=\s*(\d+)/.exec(
          fz.toString('latin1', findCard(fz, 'NAXIS1', 1), findCard(fz, 'NAXIS1', 1) + 80),
        )?.[1],
      );
      for (const [label, count, offset] of [
        ['count', 0x7fffffff, 0],
        ['offset', 64, 0x7ffffff0],
        ['negative', -1, -1],
      ] as const) {
        const b = Buffer.from(fz);
        b.writeInt32BE(count, data);
        b.writeInt32BE(offset, data + 4);
        write(`fz-${fixture}-descriptor-${label}.fits.fz`, b);
      }
      // Heap bytes scrambled: every tile's compressed stream is garbage.
      const heap = Buffer.from(fz);
      const heapStart =
        data +
        rowBytes *
          Number(
            /NAXIS2\s*=\s*(\d+)/.exec(
              fz.toString('latin1', findCard(fz, 'NAXIS2', 1), findCard(fz, 'NAXIS2', 1) + 80),
            )?.[1],
          );
      for (let i = heapStart; i < heap.length; i++) heap[i] = random.nextInt(256);
      write(`fz-${fixture}-heap-garbage.fits.fz`, heap);
    }

    // Gzipped FITS: damaged, and bombs that must be refused before they are inflated.
    const gz = readFileSync(join(FIXTURES, 'fits-images/plain.fits.gz'));
    damageAll('gz', 'fits.gz', gz, 64);
    const threeGb = 3 * 2 ** 30;
    write('gz-bomb-declared.fits.gz', Buffer.concat([gzipSync(imageHeader(40_000, 40_000)), gzippedZeros(threeGb)]));
    write(
      'gz-bomb-trailing.fits.gz',
      Buffer.concat([gzipSync(Buffer.concat([imageHeader(32, 32), Buffer.alloc(2880 * 2)])), gzippedZeros(threeGb)]),
    );
    write('gz-bomb-no-header.fits.gz', gzippedZeros(threeGb));
    write('gz-deflate-not-gzip.fits.gz', deflateSync(readFileSync(join(FIXTURES, 'fits-images/mef3.fits'))));

    // Big plain FITS (sparse files: no disk used) whose image is over the pixel limit: refused
    // from the header, without reading gigabytes; a small image before a huge extension still reads.
    writeFileSync(join(cases, 'fits-sparse-huge.fits'), imageHeader(30_000, 15_000));
    truncateSync(join(cases, 'fits-sparse-huge.fits'), 2880 + 30_000 * 15_000 * 4);
    const small = Buffer.concat([imageHeader(32, 32), Buffer.alloc(2880 * 2)]);
    const hugeExtension = encodeFitsHeader([
      formatCard('XTENSION', 'IMAGE'),
      formatCard('BITPIX', -32),
      formatCard('NAXIS', 2),
      formatCard('NAXIS1', 30_000),
      formatCard('NAXIS2', 15_000),
      formatCard('PCOUNT', 0),
      formatCard('GCOUNT', 1),
    ]);
    writeFileSync(join(cases, 'fits-small-then-huge.fits'), Buffer.concat([small, hugeExtension]));
    truncateSync(join(cases, 'fits-small-then-huge.fits'), small.length + hugeExtension.length + 30_000 * 15_000 * 4);
    count += 2;

    // Text spectra, each named explicitly (met while walking a folder, a table that is not a
    // spectrum is passed over as a note or catalog; named, it must be an error with a reason).
    const textFiles: string[] = [];
    const text = (name: string, content: Buffer | string): void => {
      writeFileSync(join(texts, name), content);
      textFiles.push(join(texts, name));
      count++;
    };
    const header = 'wavelength,flux,error\n';
    text('good.csv', header + spectrumRows(300));
    text('non-numeric.csv', header + spectrumRows(100) + '4500,abc,0.1\n' + spectrumRows(10));
    text(
      'nan-inf.csv',
      header +
        spectrumRows(
          300,
          (i) => `${4000 + i},${i % 5 === 0 ? 'NaN' : i % 7 === 0 ? '-inf' : '1.5'},${i % 9 === 0 ? 'inf' : '0.1'}`,
        ),
    );
    text('all-nan.csv', header + spectrumRows(50, (i) => `${4000 + i},nan,nan`));
    text('huge-line.csv', header + spectrumRows(100) + '1,'.repeat(25 * 2 ** 20));
    text('huge-line-only.txt', '7'.repeat(50 * 2 ** 20));
    text('binary.csv', Buffer.from(Array.from({ length: 100_000 }, () => random.nextInt(256))));
    text(
      'latin1.csv',
      Buffer.concat([
        Buffer.from('# source: Lyon '),
        Buffer.from([0xe9, 0xff, 0xfe]),
        Buffer.from('\n' + header + spectrumRows(50)),
      ]),
    );
    text('utf16.txt', Buffer.from('\ufeff' + 'wave flux\n' + spectrumRows(50, (i) => `${4000 + i} 1`), 'utf16le'));
    text(
      'descending.dat',
      spectrumRows(200, (i) => `${9000 - i * 3} ${Math.cos(i / 9)}`),
    );
    text(
      'duplicates.dat',
      spectrumRows(200, (i) => `${4000 + Math.floor(i / 2)} ${i % 3}`),
    );
    text(
      'constant-wave.dat',
      spectrumRows(50, () => '5000 1'),
    );
    text('one-row.csv', header + '5000,1,0.1\n');
    text('header-only.csv', header);
    text('empty.csv', '');
    text('ragged.tsv', 'wave\tflux\n' + spectrumRows(50, (i) => (i === 30 ? `${4000 + i}` : `${4000 + i}\t1`)));
    text(
      'million-rows.txt',
      spectrumRows(1_000_000, (i) => `${3000 + i / 100} 1`),
    );
    text('cut-mid-row.csv', (header + spectrumRows(100)).slice(0, -7));

    // Odd entries: a FIFO (a read would block forever), a folder named like a FITS file.
    spawnSync('mkfifo', [join(cases, 'pipe.fits')]);
    spawnSync('mkfifo', [join(texts, 'named-pipe.csv')]);
    count++; // the named FIFO is an error; the walked one is passed over
    symlinkSync('/dev/zero', join(cases, 'zero.fits')); // a device behind a link: endless bytes
    mkdirSync(join(cases, 'x.fits'));
    writeFileSync(join(cases, 'x.fits', 'inside.csv'), 'name,ra\nA,1\n'); // a catalog: passed over, ignored
    count++;

    const workspace = Workspace.open(join(dir, 'ws'), { create: true });
    try {
      const rssBefore = process.memoryUsage().rss;
      const maxRssBefore = process.resourceUsage().maxRSS * 1024;
      let rssPeak = rssBefore;
      // Sampled while the pass runs (readers await often enough for the timer to fire).
      const sampler = setInterval(() => {
        rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
      }, 20);
      const summary = await ingestPaths(workspace, [cases, ...textFiles, join(texts, 'named-pipe.csv')]).finally(() =>
        clearInterval(sampler),
      );
      // The process's high-water mark also catches spikes inside synchronous work, when it rose during the pass.
      const maxRssAfter = process.resourceUsage().maxRSS * 1024;
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss, maxRssAfter > maxRssBefore ? maxRssAfter : 0);
      const growth = (rssPeak - rssBefore) / 2 ** 20;
      console.log(
        `ingest fuzz (formats): ${count} damaged or odd files: ${summary.added} objects, ` +
          `${summary.failed} recorded errors, ${summary.ignored} ignored; peak rss grew ` +
          `${growth.toFixed(0)} MB`,
      );
      expect(summary.added + summary.failed + summary.ignored).toBe(count);
      expect(summary.errors).toHaveLength(summary.failed);
      for (const { path, reason } of summary.errors) {
        expect(reason.length, path).toBeGreaterThan(5);
        expect(reason, path).not.toMatch(/undefined|\n\s+at |\[object /);
      }
      const errorFor = (name: string) => summary.errors.find((e) => e.path.endsWith(`/${name}`))?.reason;
      const objectsOf = (name: string) =>
        workspace.db
          .prepare("SELECT count(*) FROM objects o JOIN source_files f ON f.id = o.file_id WHERE f.path LIKE '%/' || ?")
          .pluck()
          .get(name);
      // Known answers.
      expect(errorFor('h5-nan-inf.h5')).toBeUndefined();
      expect(objectsOf('h5-nan-inf.h5')).toBe(4);
      for (const name of ['h5-rows-1e9.h5', 'h5-rows-5e7.h5', 'h5-side-1e5.h5', 'h5-side-1e4.h5'])
        expect(errorFor(name), name).toMatch(/rows|limit|declares/);
      expect(errorFor('h5-strings.h5')).toMatch(/not numeric/);
      expect(errorFor('h5-rank-2.h5')).toMatch(/3-D or 4-D/);
      expect(errorFor('h5-galaxy-empty.h5')).toBe('empty file');
      expect(errorFor('gz-bomb-declared.fits.gz')).toMatch(/limit|more than/);
      expect(errorFor('gz-bomb-no-header.fits.gz')).toBeDefined();
      expect(errorFor('fits-sparse-huge.fits')).toMatch(/over the limit/);
      expect(errorFor('fits-small-then-huge.fits')).toBeUndefined();
      expect(errorFor('good.csv')).toBeUndefined();
      expect(errorFor('nan-inf.csv')).toBeUndefined();
      expect(errorFor('descending.dat')).toBeUndefined();
      expect(errorFor('million-rows.txt')).toBeUndefined();
      expect(errorFor('non-numeric.csv')).toMatch(/line 102: 'abc' is not a number/);
      expect(errorFor('huge-line.csv')).toMatch(/line 102/);
      expect(errorFor('named-pipe.csv')).toMatch(/not a regular file/);
      expect(errorFor('utf16.txt')).toBeUndefined();
      expect(errorFor('latin1.csv')).toBeUndefined();
      expect(errorFor('binary.csv')).toMatch(/binary data/);
      expect(errorFor('one-row.csv')).toMatch(/only 1 row;/);
      expect(errorFor('huge-line-only.txt')).toMatch(/no line ends/);
      expect(errorFor('pipe.fits')).toBeUndefined();
      // Bounded memory: no file may make the pass allocate what its header claims.
      expect(growth).toBeLessThan(1024);
    } finally {
      workspace.close();
    }
    // The table reader itself (ingest reads tables only inside spectra and .fz files): every
    // damaged table reads or fails with a FitsFormatError, never anything else.
    let tablesRead = 0;
    const tableCases = readdirSync(cases).filter((n) => /^table-(bintable|vla|ascii)-/.test(n));
    for (const name of tableCases) {
      try {
        readFitsTable(readFileSync(join(cases, name)));
        tablesRead++;
      } catch (err) {
        expect(err, name).toBeInstanceOf(FitsFormatError);
        expect((err as Error).message.length, name).toBeGreaterThan(5);
      }
    }
    console.log(
      `ingest fuzz (formats): readFitsTable on ${tableCases.length} damaged tables: ` +
        `${tablesRead} read, ${tableCases.length - tablesRead} refused`,
    );
  }, 300_000);

  it('records "permission denied" for a file that cannot be read', () => {
    const root = mkdtempSync(join(tmpdir(), 'serendip-fuzz-perm-'));
    try {
      const data = join(root, 'data');
      mkdirSync(data);
      const secrets = ['secret.fits', 'secret.csv', 'secret.h5', 'secret.png', 'secret.fits.gz'];
      for (const name of secrets)
        writeFileSync(
          join(data, name),
          name.endsWith('.csv') ? 'wave,flux\n1,2\n2,3\n3,4\n' : 'SIMPLE  =                    T',
        );
      for (const name of secrets) chmodSync(join(data, name), 0o000);
      const ws = join(root, 'ws');
      const asRoot = process.getuid?.() === 0;
      // Root reads mode-000 files, so as root the CLI runs as nobody (65534), which owns the workspace.
      if (asRoot) {
        mkdirSync(ws);
        chownSync(ws, 65534, 65534);
        chmodSync(root, 0o755);
      }
      const run = spawnSync(process.execPath, [CLI_PATH, 'ingest', ws, data], {
        encoding: 'utf8',
        timeout: 120_000,
        ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
      });
      expect(run.signal, run.stderr).toBeNull();
      const workspace = Workspace.open(ws);
      try {
        const reasons = workspace.db.prepare('SELECT path, reason FROM ingest_errors ORDER BY path').all() as {
          path: string;
          reason: string;
        }[];
        console.log(
          `ingest fuzz (formats): unreadable files as ${asRoot ? 'nobody' : 'this user'}: ` +
            `${reasons.map((r) => `${r.path}: ${r.reason}`).join('; ')}`,
        );
        for (const name of secrets)
          expect(reasons.find((r) => r.path.endsWith(`/${name}`))?.reason, name).toBe('permission denied');
      } finally {
        workspace.close();
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 180_000);
});
