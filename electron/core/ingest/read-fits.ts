// FITS cutouts through the project's own reader: the primary or first image HDU, a 2-D
// image or a cube whose third axis is bands. FITS rows run bottom-up; decoded images
// are top-down like every other reader's, so north is up in thumbnails.
import { readFile, stat } from 'node:fs/promises';
import { readFitsImage } from '../formats/fits-reader.js';
import { imageCentreSky } from '../formats/fits-wcs.js';
import type { DecodedImage } from './decoded-image.js';
import { modelInputFromImage } from './model-input.js';
import { thumbnailFromImage } from './thumbnail.js';
import { type IngestedItem, type ReadOptions, UnreadableFileError } from './ingested-item.js';

// A header alone can claim any size; refuse a file before reading it if it is absurdly big.
const MAX_FITS_BYTES = 4 * 1024 ** 3;

export function flipRows(data: Float32Array | Float64Array, width: number, height: number, bands: number): Float32Array {
  const out = new Float32Array(width * height * bands);
  for (let b = 0; b < bands; b++) {
    const plane = b * width * height;
    for (let y = 0; y < height; y++) {
      const from = plane + (height - 1 - y) * width;
      out.set(data.subarray(from, from + width), plane + y * width);
    }
  }
  return out;
}

export async function readFits(path: string, options: ReadOptions): Promise<IngestedItem[]> {
  const { size } = await stat(path);
  if (size > MAX_FITS_BYTES) throw new UnreadableFileError(`FITS file too large (${size} bytes)`);
  let image;
  try {
    image = readFitsImage(await readFile(path), { maxPixels: options.maxPixels });
  } catch (err) {
    throw new UnreadableFileError((err as Error).message);
  }
  const decoded: DecodedImage = {
    width: image.width,
    height: image.height,
    bands: image.bands,
    data: flipRows(image.data, image.width, image.height, image.bands),
  };
  const sky = imageCentreSky(image.header, image.width, image.height);
  return [
    {
      itemIndex: 0,
      hdu: image.hduIndex,
      nameHint: null,
      ra: sky?.ra ?? null,
      dec: sky?.dec ?? null,
      width: image.width,
      height: image.height,
      bands: image.bands,
      modelInput: modelInputFromImage(decoded, { size: options.inputSize, crop: options.crop }),
      thumbnail: await thumbnailFromImage(decoded),
    },
  ];
}
