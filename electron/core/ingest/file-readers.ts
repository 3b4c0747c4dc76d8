// Which reader reads which format, each handing over a file's objects in one or more chunks
// (a many-object HDF5 collection a slice at a time; every other file at once). The same table
// serves the read workers (read-worker.ts) and the calling thread when there are none. A
// reader's module (and its decoders: libvips, the HDF5 library) loads when its first file
// does, so a command that reads no files never pays for them.
import type { SourceFormat } from './file-types.js';
import type { IngestedItem, ItemChunk, ReadOptions } from './ingested-item.js';
import { onFirstUse } from '../util/heavy-packages.js';

export type ChunkReader = (path: string, options: ReadOptions) => AsyncIterable<ItemChunk>;
type WholeFileReader = (path: string, options: ReadOptions) => Promise<IngestedItem[]>;

function whole(read: WholeFileReader): ChunkReader {
  return async function* (path, options) {
    const items = await read(path, options);
    yield { items, read: items.length, total: items.length };
  };
}

/** A reader that loads `load`'s module on its first file. */
function onFirstFile(load: () => Promise<ChunkReader>): ChunkReader {
  const reader = onFirstUse(load);
  return async function* (path, options) {
    yield* (await reader())(path, options);
  };
}

const raster = onFirstFile(async () => whole((await import('./read-raster.js')).readRaster));

export const FILE_READERS: Record<SourceFormat, ChunkReader> = {
  fits: onFirstFile(async () => whole((await import('./read-fits.js')).readFits)),
  png: raster,
  jpeg: raster,
  hdf5: onFirstFile(async () => (await import('./read-hdf5.js')).readHdf5Chunks),
  'text-spectrum': onFirstFile(async () => whole((await import('./read-text-spectrum.js')).readTextSpectrum)),
};
