// PNG and JPEG cutouts through sharp (libvips). Decoded once to raw pixels, then two
// small pipelines make the model input (centre crop + resize) and the thumbnail.
import sharp from 'sharp';
import { centreCropBox, modelInputFromInterleaved8 } from './model-input.js';
import { THUMB_QUALITY, THUMB_SIZE } from './thumbnail.js';
import { type IngestedItem, type ReadOptions, UnreadableFileError } from './ingested-item.js';

// libvips threads per pipeline: several files in flight use the cores better than one
// file with many threads, for cutout-sized images.
sharp.concurrency(1);

export async function readRaster(path: string, options: ReadOptions): Promise<IngestedItem[]> {
  let decoded: { data: Buffer; info: sharp.OutputInfo };
  try {
    decoded = await sharp(path, { limitInputPixels: options.maxPixels, failOn: 'error', sequentialRead: true })
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (err) {
    throw new UnreadableFileError(`cannot decode image: ${(err as Error).message}`);
  }
  const { width, height } = decoded.info;
  // Colour images keep three bands; grey (with or without alpha) keeps one.
  const bands = decoded.info.channels >= 3 ? 3 : 1;
  const raw = { raw: { width, height, channels: decoded.info.channels } } as const;
  const box = centreCropBox(width, height, options.crop);
  const [input, thumbnail] = await Promise.all([
    sharp(decoded.data, raw)
      .extract({ left: box.left, top: box.top, width: box.side, height: box.side })
      .resize(options.inputSize, options.inputSize, { kernel: 'linear' })
      .raw()
      .toBuffer(),
    sharp(decoded.data, raw)
      .resize(THUMB_SIZE, THUMB_SIZE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: THUMB_QUALITY })
      .toBuffer(),
  ]);
  const pixels = bands === decoded.info.channels ? input : keepBands(input, decoded.info.channels, bands);
  return [
    {
      itemIndex: 0,
      hdu: null,
      nameHint: null,
      ra: null,
      dec: null,
      width,
      height,
      bands,
      modelInput: modelInputFromInterleaved8(new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.length), bands),
      thumbnail,
    },
  ];
}

function keepBands(pixels: Buffer, channels: number, bands: number): Uint8Array {
  const count = pixels.length / channels;
  const out = new Uint8Array(count * bands);
  for (let i = 0; i < count; i++) for (let b = 0; b < bands; b++) out[i * bands + b] = pixels[i * channels + b];
  return out;
}
