// IRAF multispec files (onedspec/apextract output): NAXIS1 pixels, NAXIS2 apertures, NAXIS3
// bands (BANDIDn: 'spectrum - …', 'raw - …', 'background - …', 'sigma - …'), each image line's
// wavelengths given by its specN attribute (multispec-wat.ts, multispec-dispersion.ts). Each
// aperture is one object, its flux the first 'spectrum' band and its ivar 1/σ² of the 'sigma'
// band. An échelle frame (one object observed in many orders) is one object instead: its
// orders are joined into one spectrum (spectrum-join.ts). The rule, from the header alone:
// two or more lines, distinct beam numbers (IRAF's échelle package writes the order number
// there), no two distinct APID titles, and wavelength ranges that follow one another (each
// pair of neighbours overlapping by less than half the narrower) rather than repeating.
// IRAF solutions come from arc lines listed in air, so air is assumed unless AIRORVAC says.
import { FitsFormatError, type FitsHeader } from '../fits/header.js';
import type { FitsHduInfo } from '../fits/hdu-list.js';
import { IRAF_AIR, mediumOf } from './air-vacuum.js';
import { joinOrders } from './spectrum-join.js';
import { multispecWavelengths } from './multispec-dispersion.js';
import { headerFacts } from './header-facts.js';
import { checkImageData, describeHdu, firstImageHdu, inverseOf, readImageRow } from './image-rows.js';
import { type MultispecAperture, isMultispecHeader, multispecApertures, watUnits } from './multispec-wat.js';
import { checkItem, type SpectrumFile, type SpectrumFormat, singleSpectrumFile } from './spectrum-file.js';
import { inWavelengthOrder } from './spectrum.js';
import { angstromsPer } from './wavelength-units.js';

/** Largest overlap, as a fraction of the narrower order, between neighbouring échelle orders. */
const ECHELLE_MAX_OVERLAP = 0.5;

interface Line {
  aperture: MultispecAperture;
  /** Logical pixels (0-based) that hold the line's valid data, and their wavelengths in Å. */
  first: number;
  wavelength: Float64Array;
}

/** The first image HDU, when its header declares IRAF's multispec system. */
export function findMultispecHdu(hdus: FitsHduInfo[]): FitsHduInfo | null {
  const hdu = firstImageHdu(hdus);
  return hdu && isMultispecHeader(hdu.header) ? hdu : null;
}

function cardNumber(header: FitsHeader, key: string, fallback: number): number {
  const v = header.getNumber(key);
  return v !== undefined && Number.isFinite(v) ? v : fallback;
}

/** The physical line of logical row `row` (0-based): LTV2/LTM2_2, or WAXMAP01's fixed line for a 1-D image. */
function physicalLine(header: FitsHeader, row: number, oneD: boolean): number {
  if (oneD) {
    const map = header.getString('WAXMAP01', '').trim().split(/\s+/).map(Number);
    if (map.length >= 4 && map[2] === 0 && Number.isInteger(map[3]) && map[3] >= 1) return map[3];
  }
  const ltm = cardNumber(header, 'LTM2_2', 1);
  return Math.round((row + 1 - cardNumber(header, 'LTV2', 0)) / (ltm === 0 ? 1 : ltm));
}

/** The line's valid pixels and their wavelengths in Å (physical pixel p = (l − LTV1) / LTM1_1). */
function lineOf(header: FitsHeader, aperture: MultispecAperture, width: number, scale: number): Line {
  const ltv = cardNumber(header, 'LTV1', 0);
  const ltmField = cardNumber(header, 'LTM1_1', 1);
  const ltm = ltmField === 0 ? 1 : ltmField;
  const valid: number[] = [];
  for (let l = 1; l <= width; l++) {
    const p = (l - ltv) / ltm;
    if (p >= 1 - 1e-9 && p <= aperture.nw + 1e-9) valid.push(l);
  }
  if (valid.length === 0 || valid[valid.length - 1] - valid[0] + 1 !== valid.length)
    throw new FitsFormatError(
      `aperture ${aperture.ap} has ${aperture.nw} valid pixels, none of them among the image's ${width}`,
    );
  const physical = Float64Array.from(valid, (l) => (l - ltv) / ltm);
  const wavelength = multispecWavelengths(aperture, physical);
  for (let i = 0; i < wavelength.length; i++) wavelength[i] *= scale;
  return { aperture, first: valid[0] - 1, wavelength };
}

function rangeOf(w: Float64Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of w) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/** The échelle rule in the header comment. */
function isEchelle(lines: Line[], titles: (string | null)[]): boolean {
  if (lines.length < 2) return false;
  if (new Set(lines.map((l) => l.aperture.beam)).size !== lines.length) return false;
  if (new Set(titles.filter((t) => t !== null)).size > 1) return false;
  const ranges = lines.map((l) => rangeOf(l.wavelength)).sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < ranges.length; i++) {
    const [lo0, hi0] = ranges[i - 1];
    const [lo1, hi1] = ranges[i];
    if (hi0 - lo1 >= ECHELLE_MAX_OVERLAP * Math.min(hi0 - lo0, hi1 - lo1)) return false;
  }
  return true;
}

/** Which band is the flux and which the σ: BANDIDn 'spectrum …' (else band 1) and 'sigma …' (else none). */
function bandsOf(header: FitsHeader, bands: number): { flux: number; sigma: number | null } {
  const ids = Array.from({ length: bands }, (_, b) =>
    header
      .getString(`BANDID${b + 1}`, '')
      .trim()
      .toLowerCase(),
  );
  const flux = ids.findIndex((id) => id.startsWith('spectrum'));
  const sigma = ids.findIndex((id) => id.startsWith('sigma'));
  return { flux: flux >= 0 ? flux : 0, sigma: sigma >= 0 && bands > 1 ? sigma : null };
}

/** Checks a multispec file against its header and prepares reading its apertures (or its joined orders). */
export function openMultispec(buffer: Uint8Array, hdus: FitsHduInfo[]): SpectrumFile {
  const hdu = findMultispecHdu(hdus);
  if (!hdu) throw new FitsFormatError("no image with IRAF's multispec WCS (WAT0_001 = 'system=multispec') in the file");
  checkImageData(hdu, buffer.byteLength);
  const { header } = hdu;
  const [width, lineCount = 1, bandCount = 1, ...rest] = hdu.shape;
  if (rest.some((n) => n !== 1))
    throw new FitsFormatError(
      `${describeHdu(hdu)} has shape ${hdu.shape.join('×')}; multispec is pixels × apertures × bands`,
    );
  const unit = watUnits(header);
  const scale = angstromsPer(unit);
  if (scale === undefined)
    throw new FitsFormatError(`the multispec WCS gives wavelengths in '${unit}', not a wavelength unit Serendip knows`);
  const apertures = multispecApertures(header);
  const oneD = hdu.shape.length === 1 || lineCount === 1;
  const lineAt = (row: number): Line => {
    const n = oneD && apertures.size === 1 ? [...apertures.keys()][0] : physicalLine(header, row, oneD);
    const aperture = apertures.get(n);
    if (!aperture) throw new FitsFormatError(`image line ${row + 1} has no spec${n} attribute in the multispec WCS`);
    return lineOf(header, aperture, width, scale);
  };
  // IRAF numbers APIDn by image line, as specN, and writes none where the title is the image's (OBJECT).
  const titleOf = (aperture: MultispecAperture) => header.getString(`APID${aperture.line}`)?.trim() || null;
  const bands = bandsOf(header, bandCount);
  const object = header.getString('OBJECT')?.trim() || undefined;
  const base = {
    ...headerFacts(header),
    hdu: hdu.index,
    layout: 'iraf-multispec' as const,
    ...mediumOf(header, IRAF_AIR),
  };

  const readLine = (row: number, line: Line) => {
    const n = line.wavelength.length;
    const at = (band: number) => readImageRow(buffer, hdu, row + lineCount * band).subarray(line.first, line.first + n);
    const flux = Float32Array.from(at(bands.flux));
    const ivar = bands.sigma === null ? null : inverseOf(at(bands.sigma), true);
    return { flux, ivar };
  };

  // Échelle or not is decided once, from every line's wavelengths; a line that cannot be read rules it out.
  let lines: Line[] | null = null;
  try {
    lines = Array.from({ length: lineCount }, (_, row) => lineAt(row));
  } catch (err) {
    if (!(err instanceof FitsFormatError)) throw err;
  }
  if (
    lines &&
    isEchelle(
      lines,
      lines.map((l) => titleOf(l.aperture)),
    )
  ) {
    const orders = lines;
    const title = titleOf(orders[0].aperture) ?? object;
    return singleSpectrumFile(() =>
      inWavelengthOrder({
        ...base,
        ...joinOrders(
          orders.map((line, row) => ({ name: `order ${line.aperture.beam}`, ...line, ...readLine(row, line) })),
        ),
        ...(title ? { objectName: title } : {}),
      }),
    );
  }
  return {
    count: lineCount,
    isObject: () => true,
    nameHint(item) {
      checkItem(item, lineCount, 'apertures');
      const aperture = lineAt(item).aperture;
      return titleOf(aperture) ?? `ap ${aperture.ap}`;
    },
    spectrum(item) {
      checkItem(item, lineCount, 'apertures');
      const line = lines?.[item] ?? lineAt(item);
      const { flux, ivar } = readLine(item, line);
      const title = titleOf(line.aperture) ?? object;
      return inWavelengthOrder({
        ...base,
        wavelength: line.wavelength.slice(),
        flux,
        ivar,
        mask: new Uint32Array(flux.length),
        ...(title ? { objectName: title } : {}),
      });
    },
  };
}

export const multispecFormat: SpectrumFormat = {
  layout: 'iraf-multispec',
  detect: findMultispecHdu,
  open: openMultispec,
};
