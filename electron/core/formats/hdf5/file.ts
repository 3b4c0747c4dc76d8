// Opening HDF5 files through h5wasm (the HDF5 C library compiled to WebAssembly; its Node
// build reads real paths, so a file is never copied into memory whole). By default the
// library prints its error stack to stderr and hands back an invalid handle, so a corrupt
// file fails later with "name not defined!"; the throwing error handler is switched on
// once, and the innermost HDF5 reason ("file signature not found", "truncated file: …")
// becomes the message.
import { access, constants } from 'node:fs/promises';
import h5wasm from 'h5wasm/node';

export type Hdf5File = InstanceType<typeof h5wasm.File>;
export type Hdf5Dataset = InstanceType<typeof h5wasm.Dataset>;
export type Hdf5Group = InstanceType<typeof h5wasm.Group>;

export class Hdf5FormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Hdf5FormatError';
  }
}

let loaded: Promise<void> | null = null;

/** Loads the wasm module once and makes HDF5 errors throw. */
function loadH5wasm(): Promise<void> {
  loaded ??= h5wasm.ready.then((module) => {
    module.activate_throwing_error_handler();
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
    const plain: Record<string, string> = { EACCES: 'permission denied', EPERM: 'permission denied', ENOENT: 'no such file or folder' };
    throw new Hdf5FormatError(plain[err.code ?? ''] ?? `cannot open HDF5 file: ${err.message}`);
  });
  await loadH5wasm();
  return hdf5Step('cannot open HDF5 file', () => new h5wasm.File(path, 'r'));
}

/** Writes a new HDF5 file (tests and fixtures): `build` fills it, then it is closed. */
export async function writeHdf5(path: string, build: (file: Hdf5File) => void): Promise<void> {
  await loadH5wasm();
  const file = new h5wasm.File(path, 'w');
  try {
    build(file);
  } finally {
    file.close();
  }
}

export function isDataset(entity: unknown): entity is Hdf5Dataset {
  return entity instanceof h5wasm.Dataset;
}

export function isGroup(entity: unknown): entity is Hdf5Group {
  return entity instanceof h5wasm.Group;
}
