// Is this FITS? Decided by content, not by the file name: a FITS file's first card is
// `SIMPLE  =`, and a whole-file gzip (.fits.gz) inflates to one. fpack's .fz files are FITS
// too (their tiles sit in a binary table extension), so they start with the same card.
import { constants, gunzipSync } from 'node:zlib';
import { isGzip } from './gzip.js';

const FITS_START = 'SIMPLE  =';
/** Compressed bytes inflated to see the first card: a FITS header deflates far below this. */
const GZIP_PEEK_BYTES = 1024;

function startsWithSimple(bytes: Uint8Array): boolean {
  if (bytes.length < FITS_START.length) return false;
  for (let i = 0; i < FITS_START.length; i++) if (bytes[i] !== FITS_START.charCodeAt(i)) return false;
  return true;
}

/** The start of a gzip stream, inflated from its first bytes only (a truncated stream is fine here). */
function inflatedStart(bytes: Uint8Array): Uint8Array {
  try {
    return gunzipSync(bytes.subarray(0, GZIP_PEEK_BYTES), { finishFlush: constants.Z_SYNC_FLUSH });
  } catch {
    return new Uint8Array(0);
  }
}

/** True when `head` (a file's first bytes, at least 1 KiB where the file has it) is FITS, plain or gzipped. */
export function isFitsContent(head: Uint8Array): boolean {
  if (startsWithSimple(head)) return true;
  return isGzip(head) && startsWithSimple(inflatedStart(head));
}
