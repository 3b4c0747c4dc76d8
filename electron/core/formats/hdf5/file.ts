// Opening HDF5 files through h5wasm (the HDF5 C library compiled to WebAssembly; its Node
// build reads real paths, so a file is never copied into memory whole). By default the
// library prints its error stack to stderr and hands back an invalid handle, so a corrupt
// file fails later with "name not defined!"; the throwing error handler is switched on
// once, and the innermost HDF5 reason ("file signature not found", "truncated file: …")
// becomes the message.
import { access, constants } from 'node:fs/promises';
import type H5wasm from 'h5wasm/node';

type H5wasmLibrary = typeof H5wasm;
export type Hdf5File = InstanceType<H5wasmLibrary['File']>;
export type Hdf5Dataset = InstanceType<H5wasmLibrary['Dataset']>;
export type Hdf5Group = InstanceType<H5wasmLibrary['Group']>;

export class Hdf5FormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Hdf5FormatError';
  }
}

let loaded: Promise<H5wasmLibrary> | null = null;
/** Set once loaded: every handle comes from an open, which loads it first. */
let h5wasm: H5wasmLibrary | null = null;

/** Loads the wasm module once (on the first HDF5 file, not at start-up) and makes HDF5 errors throw. */
function loadH5wasm(): Promise<H5wasmLibrary> {
  loaded ??= import('h5wasm/node').then(async ({ default: library }) => {
    const module = await library.ready;
    module.activate_throwing_error_handler();
    h5wasm = library;
    return library;
  });
  return loaded;
}

/** The innermost reason of an HDF5 error stack ("#006: … in H5F__super_read(): truncated file: …"). */
export function hdf5Reason(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  // Some damage trips an assertion inside the C library, which emscripten reports as
  // "Aborted(native code called abort())"; the module stays usable for the next file.
  if (/^Aborted\(/.test(text)) return 'the HDF5 library aborted on damaged data';
  const reasons = [...text.matchAll(/#\d+:.*?\(\): (.*)$/gm)].map((m) => m[1].trim());
  return reasons.length > 0 ? reasons[reasons.length - 1] : text.split('\n')[0].trim() || 'unknown HDF5 error';
}

/** Runs an h5wasm step, turning library errors into an Hdf5FormatError that says what failed. */
export function hdf5Step<T>(what: string, step: () => T): T {
  try {
    return step();
  } catch (err) {
    if (err instanceof Hdf5FormatError) throw err;
    throw new Hdf5FormatError(`${what}: ${hdf5Reason(err)}`);
  }
}

/** Opens an HDF5 file read-only. The caller owns the handle and must close it. */
export async function openHdf5(path: string): Promise<Hdf5File> {
  // HDF5's own open error buries the cause in "unable to open file: name = …, errno = 13,
  // error message = 'Permission denied', flags = …"; say it plainly instead.
  await access(path, constants.R_OK).catch((err: NodeJS.ErrnoException) => {
    const plain: Record<string, string> = {
      EACCES: 'permission denied',
      EPERM: 'permission denied',
      ENOENT: 'no such file or folder',
    };
    throw new Hdf5FormatError(plain[err.code ?? ''] ?? `cannot open HDF5 file: ${err.message}`);
  });
  const library = await loadH5wasm();
  return hdf5Step('cannot open HDF5 file', () => new library.File(path, 'r'));
}

/** Writes a new HDF5 file (tests and fixtures): `build` fills it, then it is closed. */
export async function writeHdf5(path: string, build: (file: Hdf5File) => void): Promise<void> {
  const library = await loadH5wasm();
  const file = new library.File(path, 'w');
  try {
    build(file);
  } finally {
    file.close();
  }
}

export function isDataset(entity: unknown): entity is Hdf5Dataset {
  return h5wasm !== null && entity instanceof h5wasm.Dataset;
}

export function isGroup(entity: unknown): entity is Hdf5Group {
  return h5wasm !== null && entity instanceof h5wasm.Group;
}
