// PNG and JPEG cutouts through sharp (libvips). Each file is decoded once, straight into
// the thumbnail's pixels (one libvips pipeline: the full-size pixels never come back to
// JavaScript), and when the image is square and uncropped the model input is an exact
// area-average of those same pixels. Only a cropped or oblong image is decoded a second
// time for its model input. Decode dominates ingest's cost.
import { access, constants } from 'node:fs/promises';
import sharp from 'sharp';
import { centreCropBox, modelInputFromInterleaved8, resampleSquare } from './model-input.js';
import { THUMB_SIZE, THUMB_WEBP } from './thumbnail.js';
import { type IngestedItem, type ReadOptions, UnreadableFileError } from './ingested-item.js';
import { imageInputLayout } from './model-input-store.js';
import { unreadableFile } from './walk-files.js';

// One libvips thread per pipeline: several files in flight use the cores better than
// one cutout-sized file spread over many threads. Ingest reads each file once, so libvips'
// operation cache only costs (about 5% of a read here).
sharp.concurrency(1);
sharp.cache(false);

interface RawImage {
  data: Buffer;
  width: number;
  height: number;
  channels: number;
}

interface Decoded {
  /** The file's own size. */
  width: number;
  height: number;
  /** Its pixels shrunk to fit the thumbnail (never enlarged), alpha removed. */
  thumbPixels: RawImage;
}

/** The file's libvips pipeline, alpha removed; a damaged file throws its reason. */
function openImage(path: string, maxPixels: number): sharp.Sharp {
  return sharp(path, { limitInputPixels: maxPixels, failOn: 'error' }).removeAlpha();
}

async function cannotDecode(path: string, err: unknown): Promise<never> {
  // libvips says "unsupported image format" for a file it may not open; the file's own
  // error (permission denied) is the reason worth recording.
  await access(path, constants.R_OK).catch(unreadableFile);
  throw new UnreadableFileError(`cannot decode image: ${(err as Error).message}`);
}

async function decode(path: string, maxPixels: number): Promise<Decoded> {
  try {
    const image = openImage(path, maxPixels);
    const { width, height } = await image.metadata();
    const { data, info } = await image
      .resize(THUMB_SIZE, THUMB_SIZE, { fit: 'inside', withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (!width || !height) throw new Error('the image has no size');
    return { width, height, thumbPixels: { data, width: info.width, height: info.height, channels: info.channels } };
  } catch (err) {
    return cannotDecode(path, err);
  }
}

function rawInput(image: RawImage) {
  return { raw: { width: image.width, height: image.height, channels: image.channels as 1 | 2 | 3 | 4 } };
}

/** Model-input pixels (8-bit, interleaved, size×size×bands) of a decoded image. */
async function inputPixels(path: string, image: Decoded, bands: number, options: ReadOptions): Promise<Uint8Array> {
  const size = options.inputSize;
  const { thumbPixels } = image;
  const box = centreCropBox(image.width, image.height, options.crop);
  const thumbIsWholeSquare = image.width === image.height && box.side === image.width && thumbPixels.width >= size;
  if (thumbIsWholeSquare) {
    const out = new Uint8Array(size * size * bands);
    const plane = new Float32Array(thumbPixels.width * thumbPixels.height);
    const resized = new Float32Array(size * size);
    const whole = { left: 0, top: 0, side: thumbPixels.width };
    for (let b = 0; b < bands; b++) {
      for (let i = 0; i < plane.length; i++) plane[i] = thumbPixels.data[i * thumbPixels.channels + b];
      resampleSquare(plane, thumbPixels.width, whole, size, resized);
      for (let i = 0; i < resized.length; i++) out[i * bands + b] = Math.round(resized[i]);
    }
    return out;
  }
  let pixels: Buffer;
  try {
    pixels = await openImage(path, options.maxPixels)
      .extract({ left: box.left, top: box.top, width: box.side, height: box.side })
      .resize(size, size, { kernel: 'linear' })
      .raw()
      .toBuffer();
  } catch (err) {
    return cannotDecode(path, err);
  }
  const channels = thumbPixels.channels;
  return bands === channels
    ? new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.length)
    : keepBands(pixels, channels, bands);
}

export async function readRaster(path: string, options: ReadOptions): Promise<IngestedItem[]> {
  const image = await decode(path, options.maxPixels);
  const { thumbPixels } = image;
  // Colour images keep three bands; grey (with or without alpha) keeps one.
  const bands = thumbPixels.channels >= 3 ? 3 : 1;
  const [pixels, thumbnail] = await Promise.all([
    inputPixels(path, image, bands, options),
    sharp(thumbPixels.data, rawInput(thumbPixels)).webp(THUMB_WEBP).toBuffer(),
  ]);
  return [
    {
      itemIndex: 0,
      modality: 'image',
      hdu: null,
      nameHint: null,
      ra: null,
      dec: null,
      width: image.width,
      height: image.height,
      bands,
      modelInput: modelInputFromInterleaved8(pixels, bands),
      inputLayout: imageInputLayout(options.inputSize, bands),
      metadata: [],
      thumbnail,
    },
  ];
}

function keepBands(pixels: Uint8Array, channels: number, bands: number): Uint8Array {
  const count = pixels.length / channels;
  const out = new Uint8Array(count * bands);
  for (let i = 0; i < count; i++) for (let b = 0; b < bands; b++) out[i * bands + b] = pixels[i * channels + b];
  return out;
}
