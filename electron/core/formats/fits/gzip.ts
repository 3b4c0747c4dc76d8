// Whole-file gzip (.fits.gz), the way archives ship most images. The uncompressed size comes
// from the untrusted stream, so inflating stops at a bound instead of trusting it: a small
// gzip bomb must fail with an error, not exhaust memory.
import { createGunzip, gunzipSync } from 'node:zlib';
import { FITS_BLOCK_BYTES, FitsFormatError, type FitsHeader, declaredDataBytes, parseFitsHeader } from './header.js';

/** Default largest uncompressed FITS file accepted from a gzip stream: 2 GiB. */
export const DEFAULT_MAX_GUNZIPPED_BYTES = 2 * 1024 ** 3;

/** Longest header read while streaming: parseFitsHeader's default of 1000 blocks. */
const MAX_HEADER_BYTES = 1000 * FITS_BLOCK_BYTES;

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
export function maybeGunzipFits(
  bytes: Uint8Array,
  maxBytes = DEFAULT_MAX_GUNZIPPED_BYTES,
  what = 'the file',
): Uint8Array {
  return isGzip(bytes) ? gunzipBounded(bytes, maxBytes, what) : bytes;
}

/**
 * Inflates a .fits.gz as a stream, reading each HDU header as soon as it is inflated so that a
 * header declaring more than maxBytes is refused at once, and stopping after the last HDU when
 * what follows is not an extension header (trailing bytes the FITS reader would skip anyway).
 * Memory is bounded by maxBytes and by what the headers declare, never by what the stream holds:
 * a few MB of gzip that inflate to many GB fail fast, without inflating them.
 */
export function gunzipFitsBounded(
  bytes: Uint8Array,
  maxBytes = DEFAULT_MAX_GUNZIPPED_BYTES,
  what = 'the file',
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let next = 0; // where the next HDU header starts
    let planning = true; // false once a header could not be sized: then only maxBytes bounds the output
    let settled = false;
    const gunzip = createGunzip({ chunkSize: 1 << 20 });
    const finish = (err: Error | null, keep?: number): void => {
      if (settled) return;
      settled = true;
      gunzip.destroy();
      if (err) reject(err);
      else
        resolve(
          keep === undefined || keep >= total
            ? Buffer.concat(chunks, total)
            : Buffer.concat(chunks, total).subarray(0, keep),
        );
    };
    /** A copy of inflated bytes [from, to): only the chunks that hold them are touched. */
    const window = (from: number, to: number): Buffer => {
      const out = Buffer.alloc(Math.max(0, Math.min(to, total) - from));
      let at = 0;
      for (const chunk of chunks) {
        if (at + chunk.length > from && at < from + out.length)
          chunk.copy(
            out,
            Math.max(0, at - from),
            Math.max(0, from - at),
            Math.min(chunk.length, from + out.length - at),
          );
        at += chunk.length;
        if (at >= from + out.length) break;
      }
      return out;
    };
    /** Reads the headers that have arrived; false when the work is finished (or failed). */
    const plan = (ended: boolean): boolean => {
      while (planning && total >= next + FITS_BLOCK_BYTES) {
        const head = window(next, next + 8)
          .toString('latin1')
          .trim();
        if (next > 0 && head !== 'XTENSION') {
          finish(null, next); // trailing bytes after the last HDU: not needed, not inflated
          return false;
        }
        let header: FitsHeader;
        try {
          // Parsed from a copy of its own bytes (a header is at most MAX_HEADER_BYTES), so offsets are relative to
          // `next`.
          header = parseFitsHeader(window(next, next + MAX_HEADER_BYTES));
        } catch (err) {
          if (next === 0 && head !== 'SIMPLE') {
            finish(new FitsFormatError(`${what} inflates to something that is not FITS: ${(err as Error).message}`));
            return false;
          }
          if (!ended && /truncated/.test((err as Error).message)) return true; // the rest of the header is still coming
          planning = false;
          return true;
        }
        const data = declaredDataBytes(header, next === 0);
        if (data === null) {
          planning = false;
          return true;
        }
        next += header.end + Math.ceil(data / FITS_BLOCK_BYTES) * FITS_BLOCK_BYTES;
        if (next > maxBytes) {
          finish(
            new FitsFormatError(
              `${what} declares ${next} bytes of FITS, more than the limit of ${maxBytes} ` +
                'bytes for a gzipped file; refused before inflating',
            ),
          );
          return false;
        }
      }
      return true;
    };
    gunzip.on('data', (chunk: Buffer) => {
      if (settled) return;
      chunks.push(chunk);
      total += chunk.length;
      if (total > maxBytes)
        finish(new FitsFormatError(`${what} inflates to more than the limit of ${maxBytes} bytes; refused`));
      else plan(false);
    });
    gunzip.on('error', (err) => finish(new FitsFormatError(`${what} is not valid gzip: ${err.message}`)));
    gunzip.on('end', () => {
      if (plan(true)) finish(null);
    });
    gunzip.end(bytes);
  });
}
