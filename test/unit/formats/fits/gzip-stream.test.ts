// gunzipFitsBounded: .fits.gz inflated as a stream, headers read as they arrive, so a gzip
// bomb is refused from its first header (or its byte limit) without inflating it all.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gunzipFitsBounded } from '../../../../electron/core/formats/fits/gzip.js';
import { encodeFitsHeader, formatCard } from '../../../../electron/core/formats/fits/writer.js';

const PLAIN_GZ = join(import.meta.dirname, '../../../fixtures/fits-images/plain.fits.gz');

function header(width: number, height: number): Buffer {
  return encodeFitsHeader([
    formatCard('SIMPLE', true),
    formatCard('BITPIX', -32),
    formatCard('NAXIS', 2),
    formatCard('NAXIS1', width),
    formatCard('NAXIS2', height),
  ]);
}

/** Repeated gzip members of 16 MiB of zeros: `members` × 16 MiB once inflated, ~16 kB each compressed. */
function zeros(members: number): Buffer {
  const member = gzipSync(Buffer.alloc(16 * 2 ** 20));
  return Buffer.concat(Array<Buffer>(members).fill(member));
}

describe('gunzipFitsBounded', () => {
  it('inflates a real .fits.gz to exactly what gunzip gives', async () => {
    const gz = readFileSync(PLAIN_GZ);
    expect((await gunzipFitsBounded(gz)).equals(gunzipSync(gz))).toBe(true);
  });

  it('refuses a header declaring more than the limit before inflating the zeros behind it', async () => {
    const bomb = Buffer.concat([gzipSync(header(40_000, 40_000)), zeros(8)]);
    await expect(gunzipFitsBounded(bomb, 64 * 2 ** 20, 'bomb.fits.gz')).rejects.toThrow(
      `bomb.fits.gz declares ${2880 + Math.ceil(6_400_000_000 / 2880) * 2880} bytes of FITS, ` +
        `more than the limit of ${64 * 2 ** 20} bytes for a gzipped file; refused before inflating`,
    );
  });

  it('stops after the last HDU when what follows is not an extension header', async () => {
    const fits = Buffer.concat([header(32, 32), Buffer.alloc(2880 * 2)]);
    const out = await gunzipFitsBounded(Buffer.concat([gzipSync(fits), zeros(8)]), 64 * 2 ** 20);
    expect(out.equals(fits)).toBe(true);
  });

  it('refuses a stream that is not FITS, or that inflates past the limit, or is cut short', async () => {
    await expect(gunzipFitsBounded(zeros(2), 64 * 2 ** 20, 'z.gz')).rejects.toThrow(
      /^z\.gz inflates to something that is not FITS/,
    );
    // A header the size rule cannot read (BITPIX 7): only the byte limit bounds it.
    const odd = Buffer.from(
      header(10, 10).toString('latin1').replace('BITPIX  =                  -32', 'BITPIX  =                    7'),
      'latin1',
    );
    await expect(gunzipFitsBounded(Buffer.concat([gzipSync(odd), zeros(4)]), 32 * 2 ** 20, 'odd.gz')).rejects.toThrow(
      'odd.gz inflates to more than the limit of 33554432 bytes; refused',
    );
    const gz = readFileSync(PLAIN_GZ);
    await expect(gunzipFitsBounded(gz.subarray(0, gz.length - 40), undefined, 'cut.gz')).rejects.toThrow(
      /^cut\.gz is not valid gzip/,
    );
  });
});
