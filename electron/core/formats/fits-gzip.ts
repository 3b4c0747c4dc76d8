// Whole-file gzip (.fits.gz), the way archives ship most images. The uncompressed size comes
// from the untrusted stream, so inflating stops at a bound instead of trusting it: a small
// gzip bomb must fail with an error, not exhaust memory.
import { gunzipSync } from 'node:zlib';
import { FitsFormatError } from './fits-header.js';

/** Default largest uncompressed FITS file accepted from a gzip stream: 2 GiB. */
export const DEFAULT_MAX_GUNZIPPED_BYTES = 2 * 1024 ** 3;

/** True when the bytes start with the gzip magic number (1f 8b). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Inflates a gzip stream, refusing output past maxBytes. `what` names the file in errors.
 * Concatenated gzip members (as `cat a.gz b.gz` makes) are inflated as one, like gunzip does.
 */
export function gunzipBounded(bytes: Uint8Array, maxBytes = DEFAULT_MAX_GUNZIPPED_BYTES, what = 'gzip data'): Buffer {
  try {
    return gunzipSync(bytes, { maxOutputLength: maxBytes });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
      throw new FitsFormatError(`${what} inflates to more than ${maxBytes} bytes; refused`);
    }
    throw new FitsFormatError(`${what} is not valid gzip: ${(err as Error).message}`);
  }
}

/** The FITS bytes of a file: inflated when gzip-compressed, else the bytes as they are. */
export function maybeGunzipFits(bytes: Uint8Array, maxBytes = DEFAULT_MAX_GUNZIPPED_BYTES, what = 'the file'): Uint8Array {
  return isGzip(bytes) ? gunzipBounded(bytes, maxBytes, what) : bytes;
}
