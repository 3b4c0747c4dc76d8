// One image object's pixels for the views (the inspector's pixel view, the queue's preview),
// at most `maxSide` a side with the aspect ratio kept. FITS is recognised by its bytes, so
// .fits.gz and .fz files get the same treatment as .fits; HDF5 rows by their extension;
// anything else is a raster image for sharp (PNG, JPEG).
import { open, readFile } from 'node:fs/promises';
import { loadSharp } from '../util/heavy-packages.js';
import type { Workspace } from '../workspace/workspace.js';
import type { ObjectWithPath } from '../workspace/repositories/objects-repo.js';
import { readFitsImage } from '../formats/fits/reader.js';
import { isFitsContent } from '../formats/fits/detect.js';
import { flipRows } from '../ingest/read-fits.js';
import { formatOf } from '../ingest/file-types.js';
import { DEFAULT_READ_OPTIONS } from '../ingest/ingested-item.js';
import { downsamplePlanar } from './downsample-planar.js';
import type { ObjectPixels } from './view-types.js';

/** Bytes read to tell FITS (plain or gzipped) from anything else. */
const SNIFF_BYTES = 1024;

async function fileHead(file: string): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

const numberedBands = (bands: number) => Array.from({ length: bands }, (_, b) => `b${b}`);

/** The object's pixels (ObjectPixels without its id), block-averaged down to `maxSide`. */
export async function readObjectImage(
  workspace: Workspace,
  object: ObjectWithPath,
  maxSide: number,
): Promise<Omit<ObjectPixels, 'id'>> {
  const file = workspace.resolvePath(object.path);
  if (isFitsContent(await fileHead(file))) {
    const image = readFitsImage(await readFile(file), { hdu: object.hdu ?? undefined });
    const planar = flipRows(image.data, image.width, image.height, image.bands);
    const small = downsamplePlanar(planar, image.width, image.height, image.bands, maxSide);
    const bandNames = Array.from({ length: image.bands }, (_, b) => {
      const name =
        image.header.getString(`BAND${b + 1}`, '') ||
        image.header.getString(`FILTER${b + 1}`, '') ||
        (image.bands === 1 ? image.header.getString('FILTER', '') : '');
      return name.trim() || `b${b}`;
    });
    const { width: originalWidth, height: originalHeight, bands } = image;
    return { source: 'fits', ...small, bands, originalWidth, originalHeight, bandNames };
  }
  if (formatOf(file) === 'hdf5') {
    // One row of a cutout collection: uint8 rows are display images like PNGs, others measurements like FITS.
    const { readHdf5Cutout } = await import('../ingest/read-hdf5.js');
    const { image, display } = await readHdf5Cutout(file, object.item_index, DEFAULT_READ_OPTIONS.maxPixels);
    const small = downsamplePlanar(image.data, image.width, image.height, image.bands, maxSide);
    const bandNames = display && image.bands === 3 ? ['R', 'G', 'B'] : numberedBands(image.bands);
    const { width: originalWidth, height: originalHeight, bands } = image;
    return { source: display ? 'raster' : 'fits', ...small, bands, originalWidth, originalHeight, bandNames };
  }
  const sharp = await loadSharp();
  const { data, info } = await sharp(file)
    .removeAlpha()
    .resize(maxSide, maxSide, { fit: 'inside', withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const meta = await sharp(file).metadata();
  const bands = info.channels;
  const plane = info.width * info.height;
  const planar = new Float32Array(plane * bands);
  for (let i = 0; i < plane; i++) for (let b = 0; b < bands; b++) planar[b * plane + i] = data[i * bands + b];
  return {
    source: 'raster',
    width: info.width,
    height: info.height,
    bands,
    data: planar,
    originalWidth: meta.width ?? info.width,
    originalHeight: meta.height ?? info.height,
    bandNames: bands === 3 ? ['R', 'G', 'B'] : numberedBands(bands),
  };
}
