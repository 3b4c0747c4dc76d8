// The container every fitted model is written in (`serendip export-fitted`, a `.fit` file): one
// small self-describing file that a shard of a cluster job reads to apply a model fitted
// elsewhere. Layout, all little-endian:
//   bytes 0-7    magic \x89 S F I T \r \n \x1a (a text-mode copy or a truncated download shows at once)
//   bytes 8-11   uint32: length H of the JSON header that follows, padded with spaces so 12 + H is a multiple of 8
//   12 .. 12+H   the header: UTF-8 JSON, { format, version, kind, ..., blocks: [{ name, dtype, shape, offset }] }
//   then         the blocks: raw arrays (dtype '<f4', '<f8' or '<i4', C order), each at `offset` bytes from the
//                end of the header, a multiple of 8, in the header's order
// The bytes depend only on what is written (no time stamp), so exporting the same run twice gives
// the same file and the same sha256, the identity runs record (params.fitted).
import { createHash } from 'node:crypto';
import { endianness } from 'node:os';

export const FITTED_FORMAT = 'serendip-fitted';
export const FITTED_FORMAT_VERSION = 1;
const MAGIC = Uint8Array.of(0x89, 0x53, 0x46, 0x49, 0x54, 0x0d, 0x0a, 0x1a);
const PRELUDE_BYTES = 12;
const ALIGN = 8;

export type FittedBlockArray = Float32Array | Float64Array | Int32Array;
type BlockDtype = '<f4' | '<f8' | '<i4';

const DTYPE_BYTES: Record<BlockDtype, number> = { '<f4': 4, '<f8': 8, '<i4': 4 };

export interface FittedBlock {
  name: string;
  array: FittedBlockArray;
  shape: number[];
}

interface BlockEntry {
  name: string;
  dtype: BlockDtype;
  shape: number[];
  /** Bytes from the end of the header. */
  offset: number;
}

/** The header's fields, less the container's own (format, version, blocks). */
export type FittedHeader = { kind: string } & Record<string, unknown>;

/**
 * A fitted file that cannot be read, or does not fit what it is applied to. `code` is an ErrorCode of the API
 * contract (a field, so this module imports nothing of the api layer): a damaged or wrong file is a bad request, a
 * file that does not match this workspace's inputs or embedding a conflict.
 */
export class FittedFileError extends Error {
  override name = 'FittedFileError';
  constructor(
    message: string,
    readonly code: 'bad-request' | 'conflict' | 'not-found' = 'bad-request',
  ) {
    super(message);
  }
}

function dtypeOf(array: FittedBlockArray): BlockDtype {
  if (array instanceof Float32Array) return '<f4';
  if (array instanceof Float64Array) return '<f8';
  return '<i4';
}

function alignUp(n: number): number {
  return Math.ceil(n / ALIGN) * ALIGN;
}

function checkHost(): void {
  if (endianness() !== 'LE') throw new FittedFileError('fitted files need a little-endian host');
}

export function encodeFittedFile(header: FittedHeader, blocks: FittedBlock[]): Uint8Array {
  checkHost();
  const entries: BlockEntry[] = [];
  let offset = 0;
  for (const block of blocks) {
    const values = block.shape.reduce((a, b) => a * b, 1);
    if (values !== block.array.length)
      throw new Error(`block ${block.name} has ${block.array.length} values for shape [${block.shape.join(', ')}]`);
    entries.push({ name: block.name, dtype: dtypeOf(block.array), shape: block.shape, offset });
    offset = alignUp(offset + block.array.byteLength);
  }
  const json = JSON.stringify({ format: FITTED_FORMAT, version: FITTED_FORMAT_VERSION, ...header, blocks: entries });
  const text = Buffer.from(json, 'utf8');
  const headerBytes = alignUp(PRELUDE_BYTES + text.length) - PRELUDE_BYTES;
  const dataStart = PRELUDE_BYTES + headerBytes;
  const out = new Uint8Array(dataStart + offset);
  out.set(MAGIC, 0);
  new DataView(out.buffer).setUint32(8, headerBytes, true);
  out.fill(0x20, PRELUDE_BYTES, dataStart);
  out.set(text, PRELUDE_BYTES);
  blocks.forEach((block, i) => {
    const { array } = block;
    out.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), dataStart + entries[i].offset);
  });
  return out;
}

export interface DecodedFittedFile {
  header: FittedHeader;
  blocks: Map<string, { array: FittedBlockArray; shape: number[] }>;
  /** sha256 of the file's bytes (hex): the identity a run that applies it records. */
  sha256: string;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Reads the container, checking every block lies inside the file; `what` names the file in errors. */
export function decodeFittedFile(bytes: Uint8Array, what: string): DecodedFittedFile {
  checkHost();
  const fail = (why: string): never => {
    throw new FittedFileError(`${what} is not a Serendip fitted model (${why}); write one with serendip export-fitted`);
  };
  if (bytes.length < PRELUDE_BYTES || MAGIC.some((b, i) => bytes[i] !== b)) fail('no fitted-model magic');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerBytes = view.getUint32(8, true);
  const dataStart = PRELUDE_BYTES + headerBytes;
  if (dataStart > bytes.length) fail('the header is truncated');
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(PRELUDE_BYTES, dataStart)));
  } catch {
    fail('unreadable header');
  }
  const record = parsed as Record<string, unknown> | null;
  if (typeof record !== 'object' || record === null || record.format !== FITTED_FORMAT) fail('unknown format');
  const { format: _format, version, blocks: listed, ...header } = record!;
  if (version !== FITTED_FORMAT_VERSION)
    throw new FittedFileError(`${what} is a fitted model of format version ${String(version)}; this Serendip reads 1`);
  if (typeof header.kind !== 'string') fail('no kind');
  if (!Array.isArray(listed)) fail('no block list');
  const blocks = new Map<string, { array: FittedBlockArray; shape: number[] }>();
  let end = 0;
  for (const entry of listed as BlockEntry[]) {
    const bytesPer = DTYPE_BYTES[entry?.dtype];
    const shapeOk = Array.isArray(entry?.shape) && entry.shape.every((n) => Number.isSafeInteger(n) && n >= 0);
    if (!bytesPer || !shapeOk || typeof entry.name !== 'string' || blocks.has(entry.name)) fail('a malformed block');
    const length = entry.shape.reduce((a, b) => a * b, 1);
    const offset = entry.offset;
    if (!Number.isSafeInteger(offset) || offset < end || offset % ALIGN !== 0) fail(`block ${entry.name} misplaced`);
    const start = dataStart + offset;
    if (start + length * bytesPer > bytes.length) fail(`block ${entry.name} is truncated`);
    // A copy, so every array starts on its own aligned buffer whatever the caller's buffer is.
    const raw = bytes.slice(start, start + length * bytesPer).buffer;
    const array =
      entry.dtype === '<f4'
        ? new Float32Array(raw)
        : entry.dtype === '<f8'
          ? new Float64Array(raw)
          : new Int32Array(raw);
    blocks.set(entry.name, { array, shape: entry.shape });
    end = offset + length * bytesPer;
  }
  if (alignUp(dataStart + end) !== bytes.length) fail('bytes past the last block');
  return { header: header as FittedHeader, blocks, sha256: sha256Hex(bytes) };
}
