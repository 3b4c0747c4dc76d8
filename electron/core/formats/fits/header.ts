// FITS header parsing: 80-character cards in 2880-byte blocks, up to END. Real archives hold
// sloppy files (lowercase keywords, '=' without the space, D exponents, long CONTINUE strings,
// ESO HIERARCH keywords), so parsing is tolerant wherever the meaning is still clear, and throws
// a FitsFormatError only when the bytes cannot be a FITS header at all. Each tolerance that
// departs from the standard leaves a warning on the header (as astropy warns), which ingest
// records per file, so the user can see what was read generously.

export const FITS_BLOCK_BYTES = 2880;
export const FITS_CARD_BYTES = 80;
const CARDS_PER_BLOCK = FITS_BLOCK_BYTES / FITS_CARD_BYTES;
/** Real headers run to a few hundred cards; 1,000 blocks (36,000 cards) means it is not a header. */
const DEFAULT_MAX_HEADER_BLOCKS = 1000;

export class FitsFormatError extends Error {
  override name = 'FitsFormatError';
}

export type FitsValue = string | number | boolean;

export interface FitsCard {
  /** Upper-case keyword; for HIERARCH cards the words after HIERARCH, e.g. 'ESO DET DIT'. */
  key: string;
  /** null for commentary cards (COMMENT, HISTORY, blank) and for keywords with no value. */
  value: FitsValue | null;
  /** The exact value of an integer past 2^53, which `value` holds only approximately (64-bit BLANK). */
  exactInteger?: bigint;
  /** Inline comment after '/', or the text of a commentary card. */
  comment: string;
  /** The 80 characters as read (the first card only, for a string continued with CONTINUE). */
  raw: string;
}

const COMMENTARY_KEYS = new Set(['COMMENT', 'HISTORY', '']);
const INTEGER = /^[+-]?\d+$/;
const REAL = /^[+-]?(\d+\.?\d*|\.\d+)([EeDd][+-]?\d+)?$/;

export function normaliseFitsKey(key: string): string {
  const upper = key.trim().toUpperCase().replace(/\s+/g, ' ');
  return upper.startsWith('HIERARCH ') ? upper.slice('HIERARCH '.length) : upper;
}

/** Reads a quoted string starting at text[start] === "'"; '' is an escaped quote. */
function readQuoted(text: string, start: number): { value: string; end: number } {
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === "'") {
      if (text[i + 1] === "'") {
        value += "'";
        i += 2;
        continue;
      }
      return { value, end: i + 1 };
    }
    value += c;
    i++;
  }
  // An unclosed quote: keep what is there rather than lose the card.
  return { value, end: i };
}

function parseNumberOrWord(token: string): FitsValue {
  if (token === 'T') return true;
  if (token === 'F') return false;
  if (INTEGER.test(token)) return Number(token);
  if (REAL.test(token)) return Number(token.replace(/[Dd]/, 'E'));
  // Complex numbers '(re, im)' and anything else non-standard stay as their text.
  return token;
}

/** Parses the value field (everything after '='): a value, then an optional '/ comment'. */
function parseValueField(field: string): { value: FitsValue | null; comment: string; unclosed?: boolean } {
  const text = field.replace(/^\s+/, '');
  if (text.startsWith("'")) {
    const quoted = readQuoted(text, 0);
    const rest = text.slice(quoted.end);
    const slash = rest.indexOf('/');
    const unclosed = quoted.end >= text.length && text[text.length - 1] !== "'";
    // Trailing spaces in a FITS string are not significant; leading ones are.
    return {
      value: quoted.value.replace(/\s+$/, ''),
      comment: slash >= 0 ? rest.slice(slash + 1).trim() : '',
      unclosed,
    };
  }
  const slash = text.indexOf('/');
  const token = (slash >= 0 ? text.slice(0, slash) : text).trim();
  const comment = slash >= 0 ? text.slice(slash + 1).trim() : '';
  return { value: token === '' ? null : parseNumberOrWord(token), comment };
}

/**
 * Splits a card into keyword and value field; valueField is null for cards with no value. `sloppy` says what departs
 * from the standard.
 */
function splitCard(card: string): { key: string; valueField: string | null; sloppy?: string } {
  const head = card.slice(0, 8).trim().toUpperCase();
  if (head === 'HIERARCH') {
    const equals = card.indexOf('=', 8);
    if (equals < 0) return { key: normaliseFitsKey(card.slice(8)), valueField: null };
    return { key: normaliseFitsKey(card.slice(8, equals)), valueField: card.slice(equals + 1) };
  }
  if (COMMENTARY_KEYS.has(head)) return { key: head, valueField: null };
  const lower = head !== card.slice(0, 8).trim() ? `keyword '${card.slice(0, 8).trim()}' is not upper case` : undefined;
  if (card[8] === '=') {
    return { key: head, valueField: card.slice(9), sloppy: lower };
  }
  // Sloppy writers: 'NAXIS1=100' or 'NAXIS1 =100'; the '=' sits inside the first nine columns.
  const equals = card.slice(0, 9).indexOf('=');
  if (equals > 0) {
    const key = card.slice(0, equals).trim().toUpperCase();
    return { key, valueField: card.slice(equals + 1), sloppy: `${key}: '=' is in column ${equals + 1}, not 9` };
  }
  return { key: head, valueField: null };
}

export class FitsHeader {
  private readonly byKey = new Map<string, FitsCard>();

  constructor(
    /** Cards in file order; CONTINUE cards are folded into the card they continue. */
    readonly cards: readonly FitsCard[],
    /** Byte length including the padding to a whole number of 2880-byte blocks. */
    readonly byteLength: number,
    /** Byte offset of the header in the buffer it was read from. */
    readonly offset = 0,
    /** What was read generously: departures from the standard whose meaning was still clear. */
    readonly warnings: string[] = [],
  ) {
    for (const card of cards) {
      if (card.value === null) continue;
      // Duplicate keywords happen in real files; the first one wins, as in astropy.
      if (!this.byKey.has(card.key)) this.byKey.set(card.key, card);
      else warnings.push(`keyword ${card.key} appears more than once; the first value is used`);
    }
  }

  /** Offset just past the header: where this HDU's data starts. */
  get end(): number {
    return this.offset + this.byteLength;
  }

  has(key: string): boolean {
    return this.byKey.has(normaliseFitsKey(key));
  }

  get(key: string): FitsValue | undefined {
    return this.byKey.get(normaliseFitsKey(key))?.value ?? undefined;
  }

  /** A numeric value; a quoted number ('100') counts too, since some writers quote everything. */
  getNumber(key: string): number | undefined;
  getNumber(key: string, fallback: number): number;
  getNumber(key: string, fallback?: number): number | undefined {
    const value = this.get(key);
    if (typeof value === 'number') return value;
    if (typeof value === 'string' && value.trim() !== '') {
      const parsed = parseNumberOrWord(value.trim());
      if (typeof parsed === 'number') return parsed;
    }
    return fallback;
  }

  /** An integer value exactly, even past 2^53 (for BITPIX 64 BLANK). */
  getBigInt(key: string): bigint | undefined {
    const card = this.byKey.get(normaliseFitsKey(key));
    if (!card) return undefined;
    if (card.exactInteger !== undefined) return card.exactInteger;
    return typeof card.value === 'number' && Number.isInteger(card.value) ? BigInt(card.value) : undefined;
  }

  getString(key: string): string | undefined;
  getString(key: string, fallback: string): string;
  getString(key: string, fallback?: string): string | undefined {
    const value = this.get(key);
    if (value === undefined) return fallback;
    if (typeof value === 'boolean') return value ? 'T' : 'F';
    return String(value);
  }

  getBoolean(key: string): boolean | undefined {
    const value = this.get(key);
    return typeof value === 'boolean' ? value : undefined;
  }

  /** The comment of a keyword's card, e.g. a unit written as '[km/s]'. */
  getComment(key: string): string | undefined {
    return this.byKey.get(normaliseFitsKey(key))?.comment;
  }

  get comments(): string[] {
    return this.cards.filter((c) => c.key === 'COMMENT').map((c) => c.comment);
  }

  get history(): string[] {
    return this.cards.filter((c) => c.key === 'HISTORY').map((c) => c.comment);
  }
}

export interface ParseFitsHeaderOptions {
  /** Give up (FitsFormatError) if no END card appears within this many blocks. Default 1000. */
  maxBlocks?: number;
}

/**
 * Parses the header that starts at `offset`. Its first card must be SIMPLE (a primary header)
 * or XTENSION (an extension); the header ends at the END card, padded to whole blocks.
 */
export function parseFitsHeader(buffer: Uint8Array, offset = 0, options: ParseFitsHeaderOptions = {}): FitsHeader {
  const maxBlocks = options.maxBlocks ?? DEFAULT_MAX_HEADER_BLOCKS;
  const bytes = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  if (offset + FITS_CARD_BYTES > bytes.length) throw new FitsFormatError('not a FITS file: too short for a header');
  const first = bytes
    .toString('latin1', offset, offset + 8)
    .trim()
    .toUpperCase();
  if (first !== 'SIMPLE' && first !== 'XTENSION') {
    throw new FitsFormatError(
      offset === 0
        ? 'not a FITS file: it does not start with SIMPLE'
        : `no FITS extension header at byte ${offset}: it does not start with XTENSION`,
    );
  }

  const cards: FitsCard[] = [];
  const warnings: string[] = [];
  const maxCards = maxBlocks * CARDS_PER_BLOCK;
  let continuing: FitsCard | null = null; // the string card that ended with '&'
  for (let index = 0; ; index++) {
    const start = offset + index * FITS_CARD_BYTES;
    if (index >= maxCards) throw new FitsFormatError(`FITS header has no END card within ${maxBlocks} blocks`);
    if (start + FITS_CARD_BYTES > bytes.length)
      throw new FitsFormatError('FITS header has no END card: the file is truncated');
    const raw = bytes.toString('latin1', start, start + FITS_CARD_BYTES);
    const { key, valueField, sloppy } = splitCard(raw);
    if (key === 'END' && valueField === null) {
      const cardBytes = (index + 1) * FITS_CARD_BYTES;
      return new FitsHeader(cards, Math.ceil(cardBytes / FITS_BLOCK_BYTES) * FITS_BLOCK_BYTES, offset, warnings);
    }
    if (sloppy) warnings.push(sloppy);
    if (/[^\x20-\x7e]/.test(raw))
      warnings.push(`card ${index + 1} (${key || 'blank'}) has characters outside printable ASCII`);
    if (key === 'CONTINUE' && continuing) {
      const field = parseValueField(raw.slice(8));
      if (typeof field.value === 'string') {
        const previous = continuing.value as string;
        continuing.value = previous.slice(0, -1) + field.value;
        if (field.comment)
          continuing.comment = continuing.comment ? `${continuing.comment} ${field.comment}` : field.comment;
        if (!field.value.endsWith('&')) continuing = null;
        continue;
      }
    }
    continuing = null;
    if (valueField === null) {
      cards.push({
        key,
        value: null,
        comment: COMMENTARY_KEYS.has(key) || key === 'CONTINUE' ? raw.slice(8).replace(/\s+$/, '') : '',
        raw,
      });
      continue;
    }
    const { value, comment, unclosed } = parseValueField(valueField);
    if (typeof value === 'string' && !valueField.trimStart().startsWith("'") && !value.startsWith('('))
      warnings.push(`${key} = ${value}: not a FITS value (kept as text)`);
    if (unclosed) warnings.push(`${key}: the string is not closed by a quote`);
    const card: FitsCard = { key, value, comment, raw };
    if (typeof value === 'number' && !Number.isSafeInteger(value) && Number.isInteger(value)) {
      const token = valueField.split('/')[0].trim();
      if (INTEGER.test(token)) card.exactInteger = BigInt(token);
    }
    cards.push(card);
    if (typeof value === 'string' && value.endsWith('&')) continuing = card;
  }
}

/**
 * Bytes of data (without padding) a header declares, by the standard size rule; null when it
 * does not say plainly. For looking ahead before the data is read (streamed gzip, big files);
 * hdu-list.ts's describeHdu is the checked version that names what is wrong.
 */
export function declaredDataBytes(header: FitsHeader, primary: boolean): number | null {
  const bitpix = header.getNumber('BITPIX');
  const naxis = header.getNumber('NAXIS');
  if (
    bitpix === undefined ||
    ![8, 16, 32, 64, -32, -64].includes(bitpix) ||
    naxis === undefined ||
    !Number.isInteger(naxis) ||
    naxis < 0 ||
    naxis > 999
  )
    return null;
  let product = naxis === 0 ? 0 : 1;
  for (let axis = 1; axis <= naxis; axis++) {
    const n = header.getNumber(`NAXIS${axis}`);
    if (n === undefined || !Number.isSafeInteger(n) || n < 0) return null;
    // Random groups leave NAXIS1 (= 0) out of the product.
    if (!(primary && axis === 1 && n === 0 && header.getBoolean('GROUPS') === true)) product *= n;
  }
  const bytes = (Math.abs(bitpix) / 8) * header.getNumber('GCOUNT', 1) * (header.getNumber('PCOUNT', 0) + product);
  return Number.isSafeInteger(bytes) && bytes >= 0 ? bytes : null;
}
