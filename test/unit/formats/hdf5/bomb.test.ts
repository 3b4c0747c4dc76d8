// HDF5 files that declare far more pixels than they hold (chunks never written read back as
// the fill value, so a few kB can declare terabytes) and files that cannot be opened: both are
// refused up front with a plain reason; so is a library abort on damaged data.
import { chmodSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_COMPRESSION_RATIO, detectCutoutLayout } from '../../../../electron/core/formats/hdf5/cutouts.js';
import { type Hdf5File, hdf5Reason, openHdf5, writeHdf5 } from '../../../../electron/core/formats/hdf5/file.js';
import { writeFloatNchw } from '../../../fixtures/hdf5/cutout-fixture.js';
import { useTempDir } from '../../../helpers/temp-dir.js';

const tempDir = useTempDir();

/** A chunked float32 dataset of one written row, then resized to `shape`; gzip-filtered unless `plain`. */
async function writeResized(path: string, shape: number[], plain = false): Promise<void> {
  const chunk = [1, shape[1], shape[2]];
  await writeHdf5(path, (file: Hdf5File) => {
    file.create_dataset({
      name: 'images',
      data: new Float32Array(chunk[1] * chunk[2]),
      shape: chunk,
      dtype: '<f',
      maxshape: [null, null, null],
      chunks: chunk,
      ...(plain ? {} : { compression: 'gzip' as const, compression_opts: 9 }),
    });
    (file.get('images') as unknown as { resize(s: number[]): number }).resize(shape);
  });
}

async function layoutOf(path: string) {
  const file = await openHdf5(path);
  try {
    return detectCutoutLayout(file, 1 << 27);
  } finally {
    file.close();
  }
}

describe('HDF5 pixels the file cannot hold', () => {
  it('refuses 50 million compressed rows declared in a few kB', async () => {
    const path = join(tempDir(), 'bomb.h5');
    await writeResized(path, [50_000_000, 8, 8]);
    const size = statSync(path).size;
    await expect(layoutOf(path)).rejects.toThrow(
      'image dataset images [50000000,8,8] declares 12800000000 bytes of pixels, more than a ' +
        `${size}-byte file can hold compressed (limit ${MAX_COMPRESSION_RATIO}:1)`,
    );
  });

  it('refuses unfiltered rows past the end of the file, and reads a real file as before', async () => {
    const dir = tempDir();
    await writeResized(join(dir, 'sparse.h5'), [1000, 16, 16], true);
    await expect(layoutOf(join(dir, 'sparse.h5'))).rejects.toThrow(
      /declares 1024000 bytes of pixels, more than a \d+-byte file can hold$/,
    );
    await writeFloatNchw(join(dir, 'real.h5'), 3, 2, 8);
    expect(await layoutOf(join(dir, 'real.h5'))).toMatchObject({ rows: 3, bands: 2, height: 8, width: 8 });
  });

  it('says "permission denied" for a file it may not read', async () => {
    const path = join(tempDir(), 'secret.h5');
    await writeFloatNchw(path);
    chmodSync(path, 0o000);
    // Root reads mode-000 files; the point is then only that the file still opens.
    if (process.getuid?.() === 0) (await openHdf5(path)).close();
    else await expect(openHdf5(path)).rejects.toThrow(/^permission denied$/);
  });
});

describe('hdf5Reason', () => {
  it('says plainly when the C library aborted on damaged data', () => {
    expect(hdf5Reason(new Error('Aborted(native code called abort())'))).toBe(
      'the HDF5 library aborted on damaged data',
    );
    expect(
      hdf5Reason(
        new Error(
          '#000: H5F.c line 1 in H5Fopen(): unable to open file\n' +
            '#001: x.c line 2 in H5F__super_read(): file signature not found',
        ),
      ),
    ).toBe('file signature not found');
  });
});
