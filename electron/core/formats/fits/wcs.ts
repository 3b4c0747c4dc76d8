// Just enough celestial WCS to know where an image points: the sky position of a pixel
// for the gnomonic (TAN) projection, from CD, or PC with CDELT, or CDELT with CROTA2.
// Images without a celestial WCS fall back to RA/DEC header keywords, else no position.

export interface HeaderLike {
  get(key: string): unknown;
}

const DEG = Math.PI / 180;

function num(header: HeaderLike, key: string): number | undefined {
  const v = header.get(key);
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** The 2×2 linear transform from pixel offsets to intermediate world degrees. */
export function linearTransform(header: HeaderLike): [number, number, number, number] | null {
  const cd = ['CD1_1', 'CD1_2', 'CD2_1', 'CD2_2'].map((k) => num(header, k));
  if (cd[0] !== undefined || cd[3] !== undefined) return [cd[0] ?? 0, cd[1] ?? 0, cd[2] ?? 0, cd[3] ?? 0];
  const cdelt1 = num(header, 'CDELT1');
  const cdelt2 = num(header, 'CDELT2');
  if (cdelt1 === undefined || cdelt2 === undefined) return null;
  const pc = ['PC1_1', 'PC1_2', 'PC2_1', 'PC2_2'].map((k) => num(header, k));
  if (pc.some((v) => v !== undefined)) {
    return [cdelt1 * (pc[0] ?? 1), cdelt1 * (pc[1] ?? 0), cdelt2 * (pc[2] ?? 0), cdelt2 * (pc[3] ?? 1)];
  }
  const rotation = (num(header, 'CROTA2') ?? 0) * DEG;
  const c = Math.cos(rotation);
  const s = Math.sin(rotation);
  return [cdelt1 * c, -cdelt2 * s, cdelt1 * s, cdelt2 * c];
}

/** Sky position (degrees) of 1-based FITS pixel (x, y), or null without a celestial WCS. */
export function pixelToSky(header: HeaderLike, x: number, y: number): { ra: number; dec: number } | null {
  const ctype1 = String(header.get('CTYPE1') ?? '').toUpperCase();
  const ctype2 = String(header.get('CTYPE2') ?? '').toUpperCase();
  const ra0 = num(header, 'CRVAL1');
  const dec0 = num(header, 'CRVAL2');
  const matrix = linearTransform(header);
  if (!ctype1.startsWith('RA') || !ctype2.startsWith('DEC') || ra0 === undefined || dec0 === undefined || !matrix)
    return null;
  const dx = x - (num(header, 'CRPIX1') ?? 0);
  const dy = y - (num(header, 'CRPIX2') ?? 0);
  const xi = (matrix[0] * dx + matrix[1] * dy) * DEG;
  const eta = (matrix[2] * dx + matrix[3] * dy) * DEG;
  if (!ctype1.endsWith('-TAN')) {
    // Other projections: near the reference point a linear offset is within a pixel for cutouts.
    return { ra: normaliseRa(ra0 + xi / DEG / Math.cos(dec0 * DEG)), dec: dec0 + eta / DEG };
  }
  const d0 = dec0 * DEG;
  const denominator = Math.cos(d0) - eta * Math.sin(d0);
  const ra = ra0 + Math.atan2(xi, denominator) / DEG;
  const dec = Math.atan2(eta * Math.cos(d0) + Math.sin(d0), Math.hypot(xi, denominator)) / DEG;
  return { ra: normaliseRa(ra), dec };
}

/** The sky position of an image's centre: from the WCS, else RA/DEC keywords in degrees. */
export function imageCentreSky(header: HeaderLike, width: number, height: number): { ra: number; dec: number } | null {
  const fromWcs = pixelToSky(header, (width + 1) / 2, (height + 1) / 2);
  if (fromWcs) return fromWcs;
  const ra = num(header, 'RA') ?? num(header, 'RA_OBJ');
  const dec = num(header, 'DEC') ?? num(header, 'DEC_OBJ');
  return ra !== undefined && dec !== undefined ? { ra: normaliseRa(ra), dec } : null;
}

function normaliseRa(ra: number): number {
  return ((ra % 360) + 360) % 360;
}
