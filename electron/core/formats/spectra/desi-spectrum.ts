// DESI coadd files (`coadd-*.fits`): many spectra in one file, one per fibre. Each camera arm
// (B, R, Z; or BRZ in files already joined by coadd_cameras) has a 1-D X_WAVELENGTH image in
// Å and 2-D X_FLUX, X_IVAR and X_MASK images with one row per fibre; the FIBERMAP table gives
// each row's TARGETID, TARGET_RA, TARGET_DEC and OBJTYPE, and an optional REDSHIFTS (or ZBEST)
// table gives Z and SPECTYPE by TARGETID. A fibre's arms are joined into one Spectrum1D
// (see desi-arm-join.ts). Every size is checked against the file before anything is read, and
// a fibre's pixels are read row by row, so a file of 500 fibres is never decoded whole.
import { FitsFormatError } from '../fits/header.js';
import type { FitsHduInfo } from '../fits/hdu-list.js';
import { readFitsHduData } from '../fits/reader.js';
import { describeFitsTable, findColumn, readFitsColumn } from '../fits/table.js';
import type { FitsTableColumn } from '../fits/table-layout.js';
import { type ArmJoinPlan, joinArms, planArmJoin } from './desi-arm-join.js';
import type { SpectrumFile, SpectrumFormat } from './spectrum-file.js';
import type { Spectrum1D } from './spectrum.js';

/** Arm names DESI writes: the three cameras, or all three joined. */
const ARM_NAMES = ['B', 'R', 'Z', 'BRZ'];
const CAMERAS = ['B', 'R', 'Z'];
const REDSHIFT_TABLES = ['REDSHIFTS', 'ZBEST'];
/** Pixels of all arms of one fibre; DESI has about 7,800. Bounds the join plan's allocations. */
const MAX_PIXELS_PER_FIBRE = 1 << 22;

interface DesiArm {
  name: string;
  wavelength: FitsHduInfo;
  flux: FitsHduInfo;
  ivar: FitsHduInfo;
  mask: FitsHduInfo | null;
  pixels: number;
}

export interface DesiCoadd extends SpectrumFile {
  /** Rows of the flux images (= FIBERMAP rows). */
  fibres: number;
  /** The first arm's FLUX HDU: what Spectrum1D.hdu and objects.hdu record. */
  fluxHdu: number;
  /** The fibre's TARGETID as decimal text (DESI ids pass 2^53, so never a JS number). */
  targetId(fibre: number): string;
  /** False for sky and unassigned fibres (FIBERMAP OBJTYPE other than TGT); true when there is no OBJTYPE. */
  isTarget(fibre: number): boolean;
  /** The fibre's arms joined, with position and redshift. */
  spectrum(fibre: number): Spectrum1D;
}

const named = (hdus: FitsHduInfo[], name: string) => hdus.find((h) => h.extname?.toUpperCase() === name);

/** The HDU that marks a file as a DESI coadd (an arm's FLUX or WAVELENGTH image), or null. */
export function findDesiCoaddHdu(hdus: FitsHduInfo[]): FitsHduInfo | null {
  for (const arm of ARM_NAMES) {
    const hdu = named(hdus, `${arm}_FLUX`) ?? named(hdus, `${arm}_WAVELENGTH`);
    if (hdu) return hdu;
  }
  return null;
}

function describe(hdu: FitsHduInfo): string {
  return `HDU ${hdu.index} '${hdu.extname}'`;
}

/** Refuses an HDU whose data the file does not hold in full, or that is not a plain image. */
function checkImage(hdu: FitsHduInfo, fileBytes: number): void {
  if (hdu.type !== 'IMAGE')
    throw new FitsFormatError(
      `${describe(hdu)} is a ${hdu.type} extension, not an image (tile-compressed DESI arms are not supported)`,
    );
  const available = fileBytes - hdu.dataOffset;
  if (hdu.dataBytes > available) {
    throw new FitsFormatError(
      `the file is truncated: ${describe(hdu)} needs ${hdu.dataBytes} bytes, only ` +
        `${Math.max(0, available)} are present`,
    );
  }
}

function findArms(hdus: FitsHduInfo[], fileBytes: number): DesiArm[] {
  const arms: DesiArm[] = [];
  for (const name of ARM_NAMES) {
    const parts = ['WAVELENGTH', 'FLUX', 'IVAR', 'MASK'].map((part) => named(hdus, `${name}_${part}`));
    if (parts.every((p) => !p)) continue;
    const [wavelength, flux, ivar, mask] = parts;
    // Data cut short says more than the HDUs missing after it, so it is checked first.
    for (const hdu of parts) if (hdu) checkImage(hdu, fileBytes);
    const missing = ['WAVELENGTH', 'FLUX', 'IVAR'].filter((_, i) => !parts[i]);
    if (!wavelength || !flux || !ivar)
      throw new FitsFormatError(
        `DESI arm ${name} has no ${missing.map((m) => `${name}_${m}`).join(' or ')} HDU (the file may be truncated)`,
      );
    if (wavelength.shape.length !== 1)
      throw new FitsFormatError(`${describe(wavelength)} has shape ${wavelength.shape.join('×')}, not one axis`);
    arms.push({ name, wavelength, flux, ivar, mask: mask ?? null, pixels: wavelength.shape[0] });
  }
  const cameras = arms.filter((a) => CAMERAS.includes(a.name)).map((a) => a.name);
  if (cameras.length > 0 && cameras.length < CAMERAS.length) {
    throw new FitsFormatError(
      `the DESI coadd has arms ${cameras.join(', ')} but not ` +
        `${CAMERAS.filter((c) => !cameras.includes(c)).join(', ')} (the file may be truncated)`,
    );
  }
  // A file with both cameras and BRZ holds the same pixels twice: the cameras are the originals.
  return cameras.length > 0 ? arms.filter((a) => a.name !== 'BRZ') : arms;
}

/** Fibres in an arm, after checking its images are pixels × fibres. */
function fibresOf(arm: DesiArm): number {
  const [pixels, fibres = 1, ...rest] = arm.flux.shape;
  if (pixels !== arm.pixels || rest.some((n) => n !== 1)) {
    throw new FitsFormatError(
      `${describe(arm.flux)} has shape ${arm.flux.shape.join('×')}; ` +
        `${describe(arm.wavelength)} has ${arm.pixels} pixels`,
    );
  }
  for (const hdu of [arm.ivar, arm.mask]) {
    if (hdu && (hdu.shape[0] !== pixels || (hdu.shape[1] ?? 1) !== fibres)) {
      throw new FitsFormatError(
        `${describe(hdu)} has shape ${hdu.shape.join('×')}, ${describe(arm.flux)} ${arm.flux.shape.join('×')}`,
      );
    }
  }
  return fibres;
}

/** Row `row` of a 2-D image, decoded like the whole image would be (BSCALE, BZERO, BLANK). */
function readRow(
  buffer: Uint8Array,
  hdu: FitsHduInfo,
  row: number,
  width: number,
  precision: 'float32' | 'float64' = 'float32',
): Float32Array | Float64Array {
  const rowBytes = width * (Math.abs(hdu.bitpix) / 8);
  const rowHdu: FitsHduInfo = {
    ...hdu,
    shape: [width],
    dataOffset: hdu.dataOffset + row * rowBytes,
    dataBytes: rowBytes,
  };
  return readFitsHduData(buffer, rowHdu, { maxPixels: width, precision });
}

function readColumn(buffer: Uint8Array, hdu: FitsHduInfo, names: string[], required: boolean): FitsTableColumn | null {
  const layout = describeFitsTable(hdu, buffer.byteLength);
  for (const name of names) {
    const info = findColumn(layout.columns, name);
    if (info) return readFitsColumn(buffer, layout, info, hdu.dataOffset);
  }
  if (required) throw new FitsFormatError(`table '${hdu.extname}' has no ${names.join(' or ')} column`);
  return null;
}

/** A scalar column's values as text (ids) or numbers; null where the column is absent. */
function idsOf(column: FitsTableColumn): string[] {
  const { data } = column;
  if (column.width !== 1)
    throw new FitsFormatError(`column '${column.name}' holds ${column.width} values a row, not one`);
  return Array.isArray(data)
    ? data.map((s) => s.trim())
    : Array.from(data as ArrayLike<number | bigint>, (v) => String(v));
}

function numbersOf(column: FitsTableColumn | null): (number | null)[] | null {
  if (!column) return null;
  if (Array.isArray(column.data) || column.width !== 1)
    throw new FitsFormatError(`column '${column.name}' is not one number a row`);
  return Array.from(column.data as ArrayLike<number | bigint>, (v) => {
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  });
}

interface Redshift {
  z: number | null;
  class: string | null;
}

/** Z and SPECTYPE by TARGETID (the first row of each), or an empty map without a redshift table. */
function readRedshifts(buffer: Uint8Array, hdus: FitsHduInfo[]): Map<string, Redshift> {
  const byId = new Map<string, Redshift>();
  const table = REDSHIFT_TABLES.map((name) => named(hdus, name)).find((h) => h?.type === 'BINTABLE');
  if (!table) return byId;
  const ids = idsOf(readColumn(buffer, table, ['TARGETID'], true)!);
  const z = numbersOf(readColumn(buffer, table, ['Z'], false));
  const classes = readColumn(buffer, table, ['SPECTYPE'], false);
  const classText = classes && Array.isArray(classes.data) ? classes.data : null;
  ids.forEach((id, row) => {
    if (!byId.has(id)) byId.set(id, { z: z?.[row] ?? null, class: classText?.[row]?.trim() || null });
  });
  return byId;
}

/** Checks a DESI coadd's layout against the file and prepares reading its fibres. */
export function openDesiCoadd(buffer: Uint8Array, hdus: FitsHduInfo[]): DesiCoadd {
  const arms = findArms(hdus, buffer.byteLength);
  if (arms.length === 0)
    throw new FitsFormatError('no DESI arm (B_FLUX, R_FLUX, Z_FLUX or BRZ_FLUX with its wavelength) in the file');
  const fibres = fibresOf(arms[0]);
  for (const arm of arms) {
    if (fibresOf(arm) !== fibres)
      throw new FitsFormatError(`DESI arm ${arm.name} has ${fibresOf(arm)} fibres, arm ${arms[0].name} ${fibres}`);
  }
  const pixels = arms.reduce((n, a) => n + a.pixels, 0);
  if (pixels > MAX_PIXELS_PER_FIBRE)
    throw new FitsFormatError(`the DESI arms have ${pixels} pixels a fibre, over the limit of ${MAX_PIXELS_PER_FIBRE}`);
  const fibermap = named(hdus, 'FIBERMAP');
  if (!fibermap || fibermap.type !== 'BINTABLE') throw new FitsFormatError('the DESI coadd has no FIBERMAP table');
  const ids = idsOf(readColumn(buffer, fibermap, ['TARGETID'], true)!);
  if (ids.length !== fibres)
    throw new FitsFormatError(`the FIBERMAP has ${ids.length} rows, the flux images ${fibres} fibres`);
  const ra = numbersOf(readColumn(buffer, fibermap, ['TARGET_RA', 'RA'], false));
  const dec = numbersOf(readColumn(buffer, fibermap, ['TARGET_DEC', 'DEC'], false));
  const objtype = readColumn(buffer, fibermap, ['OBJTYPE'], false);
  const objtypes = objtype && Array.isArray(objtype.data) ? objtype.data.map((s) => s.trim().toUpperCase()) : null;
  const redshifts = readRedshifts(buffer, hdus);
  const plan: ArmJoinPlan = planArmJoin(
    arms.map((a) => ({
      name: a.name,
      wavelength: Float64Array.from(
        readFitsHduData(buffer, a.wavelength, { maxPixels: a.pixels, precision: 'float64' }),
      ),
    })),
  );
  const fluxUnit = arms[0].flux.header.getString('BUNIT')?.trim() || null;

  const checkFibre = (fibre: number) => {
    if (!Number.isInteger(fibre) || fibre < 0 || fibre >= fibres)
      throw new FitsFormatError(`the DESI coadd has ${fibres} fibres, not a fibre ${fibre}`);
  };
  const isTarget = (fibre: number) => (checkFibre(fibre), objtypes === null || objtypes[fibre] === 'TGT');
  return {
    fibres,
    count: fibres,
    fluxHdu: arms[0].flux.index,
    targetId: (fibre) => (checkFibre(fibre), ids[fibre]),
    isTarget,
    isObject: isTarget,
    nameHint: (fibre) => (checkFibre(fibre), ids[fibre]),
    spectrum(fibre) {
      checkFibre(fibre);
      const flux = new Float32Array(plan.inputPixels);
      const ivar = new Float32Array(plan.inputPixels);
      const mask = new Uint32Array(plan.inputPixels);
      let at = 0;
      for (const arm of arms) {
        flux.set(readRow(buffer, arm.flux, fibre, arm.pixels), at);
        ivar.set(readRow(buffer, arm.ivar, fibre, arm.pixels), at);
        if (arm.mask) {
          // float64: 32-bit mask words survive exactly.
          const bits = readRow(buffer, arm.mask, fibre, arm.pixels, 'float64');
          for (let i = 0; i < arm.pixels; i++) mask[at + i] = bits[i] >>> 0;
        }
        at += arm.pixels;
      }
      const joined = joinArms(plan, flux, ivar, mask);
      const redshift = redshifts.get(ids[fibre]);
      return {
        wavelength: plan.wavelength.slice(),
        ...joined,
        z: redshift?.z ?? null,
        class: redshift?.class ?? null,
        ra: ra?.[fibre] ?? null,
        dec: dec?.[fibre] ?? null,
        fluxUnit,
        hdu: arms[0].flux.index,
        layout: 'desi-coadd',
        medium: 'vacuum',
        mediumEvidence: 'DESI spectra are in vacuum',
      };
    },
  };
}

export const desiCoaddFormat: SpectrumFormat = { layout: 'desi-coadd', detect: findDesiCoaddHdu, open: openDesiCoadd };
