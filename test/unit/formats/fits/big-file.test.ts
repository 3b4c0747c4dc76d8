// readFitsFile on big plain FITS files: headers are walked first, and an HDU whose data alone
// is over what the pixel limit allows is not read, so its image is refused from its header.
import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFitsHdus } from '../../../../electron/core/formats/fits/hdu-list.js';
import { readFitsImage } from '../../../../electron/core/formats/fits/reader.js';
import { encodeFitsHeader, formatCard } from '../../../../electron/core/formats/fits/writer.js';
import { readFitsFile } from '../../../../electron/core/ingest/read-fits.js';
import { useTempDir } from '../../../helpers/temp-dir.js';

const tempDir = useTempDir();

function header(width: number, height: number, extension = false): Buffer {
  const first = extension ? formatCard('XTENSION', 'IMAGE') : formatCard('SIMPLE', true);
  const tail = extension ? [formatCard('PCOUNT', 0), formatCard('GCOUNT', 1)] : [formatCard('EXTEND', true)];
  return encodeFitsHeader([
    first,
    formatCard('BITPIX', -32),
    formatCard('NAXIS', 2),
    formatCard('NAXIS1', width),
    formatCard('NAXIS2', height),
    ...tail,
  ]);
}

describe('readFitsFile on big files', () => {
  it('reads only the header of a sparse 1.8 GB image over the pixel limit', async () => {
    const path = join(tempDir(), 'huge.fits');
    writeFileSync(path, header(30_000, 15_000));
    truncateSync(path, 2880 + 30_000 * 15_000 * 4);
    const bytes = await readFitsFile(path, 1 << 27);
    expect(bytes.length).toBe(2880);
    expect(() => readFitsImage(bytes, { maxPixels: 1 << 27 })).toThrow(
      'image in HDU 0 is 30000×15000 = 450000000 pixels, over the limit of 134217728',
    );
  });

  it('keeps the HDUs before the huge one, and reads a big file within the limit whole', async () => {
    const dir = tempDir();
    const small = Buffer.concat([header(32, 32), Buffer.alloc(2880 * 2)]);
    writeFileSync(join(dir, 'mixed.fits'), Buffer.concat([small, header(30_000, 15_000, true)]));
    truncateSync(join(dir, 'mixed.fits'), small.length + 2880 + 30_000 * 15_000 * 4);
    const mixed = await readFitsFile(join(dir, 'mixed.fits'), 1 << 27);
    expect(mixed.length).toBe(small.length + 2880);
    expect(listFitsHdus(mixed).map((h) => h.shape)).toEqual([
      [32, 32],
      [30_000, 15_000],
    ]);
    expect(readFitsImage(mixed)).toMatchObject({ width: 32, height: 32 });
    // 300 MB of declared pixels with a limit that allows them: read whole.
    writeFileSync(join(dir, 'ok.fits'), header(10_000, 7_500));
    truncateSync(join(dir, 'ok.fits'), 2880 + 10_000 * 7_500 * 4);
    expect((await readFitsFile(join(dir, 'ok.fits'), 10_000 * 7_500)).length).toBe(2880 + 10_000 * 7_500 * 4);
  });
});
