// Packages that take tens to hundreds of milliseconds to load (native addons, WebAssembly,
// large libraries). Modules a command always loads reach them only through `import()`, on
// first use, so `serendip status` does not pay for tfjs (a test walks the static imports).
// Modules behind such an `import()` (a file reader, the learned models) import them as usual.

/** Loaded on first use only; the start-up test fails when one is reachable by static imports. */
export const HEAVY_PACKAGES = [
  '@tensorflow/tfjs',
  'onnxruntime-node',
  'h5wasm',
  'sharp',
  'usearch',
  'hyparquet',
  'hyparquet-writer',
  'ws',
  'webgpu',
] as const;

/** `load` runs on the first call; every call gets its one promise. */
export function onFirstUse<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load());
}

/** libvips, for the thumbnails and pictures written outside the file readers. */
export const loadSharp = onFirstUse(async () => (await import('sharp')).default);
