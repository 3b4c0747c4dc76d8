// Ingest against broken input: every reader (FITS images and spectra, PNG, JPEG) is fed
// hundreds of damaged files made from real demo files: empty, truncated at many offsets,
// seeded random byte flips, absurd or negative FITS dimensions, bad BITPIX, a PNG whose header
// declares 100,000 × 100,000 pixels (a decompression bomb), wrong extensions, NaN/Inf
// pixels, a very long name, a name that is not UTF-8 and a symlink loop. All are ingested in one pass: each file is
// either an object or a recorded error with a reason, the pass itself never throws, and memory stays bounded.
import { copyFileSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { generateDemoCollection } from '../../electron/core/demo/demo-collection.js';
import { SeededRandom } from '../../electron/core/discovery/seeded-random.js';
import { ingestPaths } from '../../electron/core/ingest/ingest-files.js';
import { Workspace } from '../../electron/core/workspace/workspace.js';
import { dataStartOf, flipVariants, truncations, withCard } from '../helpers/damage.js';
import { useSharedTempDir } from '../helpers/temp-dir.js';

const FLIP_VARIANTS = 12;
const FLIPS_PER_FILE = 24;

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type), data])));
  return Buffer.concat([length, Buffer.from(type), data, crc]);
}

/** A well-formed PNG whose header declares width × height, with a few bytes of data: a decompression bomb's shape. */
function pngDeclaring(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.alloc(64))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('ingest fuzz: damaged files of every format', () => {
  const dir = useSharedTempDir('serendip-fuzz-')();

  it('turns every damaged file into an object or a recorded error, and never throws', async () => {
    const demo = join(dir, 'demo');
    await generateDemoCollection(demo, join(dir, 'truth.csv'), { objects: 4, seed: 3, spectra: 2 });
    const pick = (sub: string) => join(demo, sub, readdirSync(join(demo, sub)).sort()[0]);
    const bases: { name: string; ext: string; bytes: Buffer }[] = [
      { name: 'fits-image', ext: 'fits', bytes: readFileSync(pick('fits')) },
      { name: 'png', ext: 'png', bytes: readFileSync(pick('png')) },
      { name: 'spectrum', ext: 'fits', bytes: readFileSync(pick('spectra')) },
    ];
    bases.push({ name: 'jpeg', ext: 'jpg', bytes: await sharp(bases[1].bytes).jpeg().toBuffer() });

    const cases = join(dir, 'cases');
    mkdirSync(cases);
    const random = new SeededRandom(77);
    let count = 0;
    const write = (name: string, bytes: Buffer | string): void => {
      writeFileSync(join(cases, name), bytes);
      count++;
    };
    for (const base of bases) {
      write(`${base.name}-empty.${base.ext}`, Buffer.alloc(0));
      for (const [at, cut] of truncations(base.bytes)) write(`${base.name}-cut-${at}.${base.ext}`, cut);
      flipVariants(base.bytes, random, FLIP_VARIANTS, FLIPS_PER_FILE).forEach((flipped, v) =>
        write(`${base.name}-flip-${v}.${base.ext}`, flipped),
      );
      // Wrong extensions: each format's bytes under every other format's name.
      for (const other of ['fits', 'png', 'jpg'].filter((e) => e !== base.ext))
        write(`${base.name}-as.${other}`, base.bytes);
    }
    const fits = bases[0].bytes;
    for (const [key, value] of [
      ['NAXIS1', '100000'],
      ['NAXIS2', '100000'],
      ['NAXIS1', '-5'],
      ['NAXIS', '-1'],
      ['NAXIS', '999'],
      ['BITPIX', '7'],
      ['BITPIX', '0'],
      ['NAXIS3', '2147483647'],
      ['BZERO', 'NaN'],
      ['BSCALE', "'text'"],
    ] as const) {
      write(`fits-${key}-${value.replace(/\W/g, '')}.fits`, withCard(fits, key, value));
    }
    write('png-bomb.png', pngDeclaring(100_000, 100_000));
    write('png-negative.png', pngDeclaring(0x80000000, 1));
    write('text-as.fits', 'SIMPLE  = this is not a FITS file at all');
    write('zeros.fits', Buffer.alloc(2880 * 3));
    // NaN and Inf pixels in an otherwise valid float FITS image: an object, not an error.
    const nanFits = Buffer.from(fits);
    if (/BITPIX\s*=\s*-32/.test(fits.toString('latin1', 0, 2880))) {
      const dataStart = dataStartOf(fits);
      for (let at = dataStart; at + 4 <= nanFits.length; at += 4 * 97)
        nanFits.writeFloatBE(at % 3 === 0 ? Infinity : NaN, at);
    }
    write('fits-nan-inf.fits', nanFits);
    copyFileSync(pick('png'), join(cases, 'good.png'));
    count++;
    // Names and links that trip walkers: a 250-character name, a name that is not UTF-8, and a
    // symlink loop (which must be walked past, not followed forever).
    copyFileSync(pick('png'), join(cases, `${'long-'.repeat(49)}x.png`));
    count++;
    writeFileSync(
      Buffer.from([...Buffer.from(join(cases, 'latin1-')), 0xe9, ...Buffer.from('.png')]),
      readFileSync(pick('png')),
    );
    count++;
    mkdirSync(join(cases, 'loop'));
    symlinkSync(join(cases, 'loop'), join(cases, 'loop', 'again'));

    const workspace = Workspace.open(join(dir, 'ws'), { create: true });
    try {
      const rssBefore = process.memoryUsage().rss;
      const summary = await ingestPaths(workspace, [cases]);
      const rssGrowth = process.memoryUsage().rss - rssBefore;
      console.log(
        `ingest fuzz: ${count} damaged or odd files: ${summary.added} objects, ` +
          `${summary.failed} recorded errors, ${summary.ignored} ignored; rss grew ` +
          `${(rssGrowth / 2 ** 20).toFixed(0)} MB`,
      );
      expect(summary.added + summary.failed + summary.ignored).toBe(count);
      expect(summary.errors).toHaveLength(summary.failed);
      for (const error of summary.errors) expect(error.reason.length).toBeGreaterThan(5);
      const errorFor = (name: string) => summary.errors.find((e) => e.path.endsWith(name))?.reason;
      expect(errorFor('png-bomb.png')).toMatch(/exceeds pixel limit/);
      expect(errorFor('fits-NAXIS1-100000.fits')).toBeDefined();
      expect(errorFor('fits-image-empty.fits')).toBeDefined();
      expect(errorFor('good.png')).toBeUndefined();
      expect(errorFor('x.png')).toBeUndefined(); // the 250-character name
      expect(errorFor('fits-nan-inf.fits')).toBeUndefined();
      // Bounded memory: no file may make the pass allocate what its header claims.
      expect(rssGrowth).toBeLessThan(1.5 * 2 ** 30);
    } finally {
      workspace.close();
    }
  }, 300_000);
});
