// Which reader reads which format, each handing over a file's objects in one or more chunks
// (a many-object HDF5 collection a slice at a time; every other file at once). The same table
// serves the read workers (read-worker.ts) and the calling thread when there are none.
import type { SourceFormat } from './file-types.js';
import type { IngestedItem, ItemChunk, ReadOptions } from './ingested-item.js';
import { readFits } from './read-fits.js';
import { readHdf5Chunks } from './read-hdf5.js';
import { readRaster } from './read-raster.js';
import { readTextSpectrum } from './read-text-spectrum.js';

export type ChunkReader = (path: string, options: ReadOptions) => AsyncIterable<ItemChunk>;

function whole(read: (path: string, options: ReadOptions) => Promise<IngestedItem[]>): ChunkReader {
  return async function* (path, options) {
    const items = await read(path, options);
    yield { items, read: items.length, total: items.length };
  };
}

export const FILE_READERS: Record<SourceFormat, ChunkReader> = {
  fits: whole(readFits),
  png: whole(readRaster),
  jpeg: whole(readRaster),
  hdf5: readHdf5Chunks,
  'text-spectrum': whole(readTextSpectrum),
};
