// DESI files of many spectra, one per row: coadds (`coadd-*.fits`, one row per target) and
// per-exposure spectra (`spectra-*.fits`, one row per fibre per exposure). Both hold, for each
// camera arm (B, R, Z; or BRZ in files joined by coadd_cameras), a 1-D X_WAVELENGTH image in Å
// and 2-D X_FLUX, X_IVAR and X_MASK images with one row per spectrum; DESI tile-compresses the
// masks (one tile a row), which are read through the project's tile decoder row by row. The
// FIBERMAP gives each row's TARGETID, TARGET_RA, TARGET_DEC and OBJTYPE (and, per exposure,
// EXPID and FIBERSTATUS); an optional REDSHIFTS (or ZBEST) table gives Z and SPECTYPE by
// TARGETID. A row's arms are joined into one Spectrum1D (spectrum-join.ts). Every size is
// checked against the file before anything is read, and a file of 500 fibres is never decoded
// whole. The two layouts differ only in which file it is (desiLayoutOf) and the FIBERMAP.
import { FitsFormatError } from '../fits/header.js';
import type { FitsHduInfo } from '../fits/hdu-list.js';
import { readFitsHduData } from '../fits/reader.js';
import { describeFitsTable, findColumn, readFitsColumn } from '../fits/table.js';
import { compressedImageGeometry, compressedImageRows, isCompressedImageHdu } from '../fits/tile-compression.js';
import type { FitsTableColumn } from '../fits/table-layout.js';
import { type ArmJoinPlan, joinArms, planArmJoin } from './spectrum-join.js';
import { readImageRow } from './image-rows.js';
import { tableColumnNames } from './table-description.js';
import type { SpectrumFile, SpectrumFormat } from './spectrum-file.js';
import { type Spectrum1D, type SpectrumLayout, inWavelengthOrder } from './spectrum.js';

/**
 * Arm names DESI writes: the three cameras, all three joined, or '' for a per-camera frame (cframe-CAMERA-EXPID.fits),
 * whose HDUs are FLUX, IVAR, MASK and WAVELENGTH unprefixed.
 */
const ARM_NAMES = ['B', 'R', 'Z', 'BRZ', ''];
/** An arm's HDU name: B_FLUX, or FLUX in a per-camera frame. */
const hduName = (arm: string, part: string) => (arm ? `${arm}_${part}` : part);
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

/** The two DESI layouts of many spectra; which one a file is comes from desiLayoutOf. */
export type DesiLayout = Extract<SpectrumLayout, 'desi-coadd' | 'desi-exposure'>;

export interface DesiSpectra extends SpectrumFile {
  /** Rows of the flux images (= FIBERMAP rows): targets in a coadd, fibres × exposures in a spectra file. */
  fibres: number;
  /** The first arm's FLUX HDU: what Spectrum1D.hdu and objects.hdu record. */
  fluxHdu: number;
  /** The fibre's TARGETID as decimal text (DESI ids pass 2^53, so never a JS number). */
  targetId(fibre: number): string;
  /**
   * False for sky and unassigned fibres (FIBERMAP OBJTYPE other than TGT; true when there is no OBJTYPE) and, per
   * exposure, for fibres with a FIBERSTATUS bit set (broken, mispositioned, bad amplifier: their pixels cannot be
   * trusted).
   */
  isTarget(fibre: number): boolean;
  /** The fibre's arms joined, with position and redshift. */
  spectrum(fibre: number): Spectrum1D;
}

const named = (hdus: FitsHduInfo[], name: string) => hdus.find((h) => h.extname?.toUpperCase() === name);

/** The HDU that marks a file as a DESI file of many spectra (an arm's FLUX or WAVELENGTH image), or null. */
export function findDesiArmHdu(hdus: FitsHduInfo[]): FitsHduInfo | null {
  for (const arm of ARM_NAMES) {
    // FLUX and WAVELENGTH alone are common names: a frame is DESI's only beside a FIBERMAP of TARGETIDs.
    if (!arm && !hasColumn(named(hdus, 'FIBERMAP'), 'TARGETID')) continue;
    const hdu = named(hdus, hduName(arm, 'FLUX')) ?? named(hdus, hduName(arm, 'WAVELENGTH'));
    if (hdu) return hdu;
  }
  return null;
}

function hasColumn(hdu: FitsHduInfo | undefined, name: string): boolean {
  return hdu?.type === 'BINTABLE' && tableColumnNames(hdu).includes(name);
}

/**
 * Which DESI layout a file of arms is, from headers alone: per-exposure spectra carry EXPID in the FIBERMAP (one row
 * per fibre per exposure); a coadd moves the exposures to EXP_FIBERMAP and has COADD_FIBERSTATUS instead.
 */
export function desiLayoutOf(hdus: FitsHduInfo[]): DesiLayout | null {
  if (!findDesiArmHdu(hdus)) return null;
  const fibermap = named(hdus, 'FIBERMAP');
  const frame = !named(hdus, 'B_FLUX') && !named(hdus, 'BRZ_FLUX') && named(hdus, 'FLUX') !== undefined;
  const perExposure =
    frame ||
    (hasColumn(fibermap, 'EXPID') && !hasColumn(fibermap, 'COADD_FIBERSTATUS') && !named(hdus, 'EXP_FIBERMAP'));
  return perExposure ? 'desi-exposure' : 'desi-coadd';
}

/** The HDU that marks a file as a DESI coadd, or null (per-exposure spectra files are not coadds). */
export function findDesiCoaddHdu(hdus: FitsHduInfo[]): FitsHduInfo | null {
  return desiLayoutOf(hdus) === 'desi-coadd' ? findDesiArmHdu(hdus) : null;
}

function describe(hdu: FitsHduInfo): string {
  return `HDU ${hdu.index} '${hdu.extname}'`;
}

/** Refuses an HDU whose data the file does not hold in full, or that is not an image (plain or tile-compressed). */
function checkImage(hdu: FitsHduInfo, fileBytes: number): void {
  if (hdu.type !== 'IMAGE' && hdu.type !== 'PRIMARY' && !isCompressedImageHdu(hdu))
    throw new FitsFormatError(`${describe(hdu)} is a ${hdu.type} extension, not an image or a tile-compressed one`);
  const available = fileBytes - hdu.dataOffset;
  if (hdu.dataBytes > available) {
    throw new FitsFormatError(
      `the file is truncated: ${describe(hdu)} needs ${hdu.dataBytes} bytes, only ` +
        `${Math.max(0, available)} are present`,
    );
  }
}

/** An image's axes: NAXISn, or ZNAXISn of a tile-compressed one. */
function shapeOf(hdu: FitsHduInfo): number[] {
  return isCompressedImageHdu(hdu) ? compressedImageGeometry(hdu).shape : hdu.shape;
}

function findArms(hdus: FitsHduInfo[], fileBytes: number): DesiArm[] {
  const arms: DesiArm[] = [];
  for (const name of ARM_NAMES) {
    if (!name && arms.length > 0) continue;
    const parts = ['WAVELENGTH', 'FLUX', 'IVAR', 'MASK'].map((part) => named(hdus, hduName(name, part)));
    if (parts.every((p) => !p)) continue;
    const [wavelength, flux, ivar, mask] = parts;
    // Data cut short says more than the HDUs missing after it, so it is checked first.
    for (const hdu of parts) if (hdu) checkImage(hdu, fileBytes);
    const missing = ['WAVELENGTH', 'FLUX', 'IVAR'].filter((_, i) => !parts[i]);
    if (!wavelength || !flux || !ivar)
      throw new FitsFormatError(
        `DESI arm ${name || 'of the frame'} has no ${missing.map((m) => hduName(name, m)).join(' or ')} HDU ` +
          '(the file may be truncated)',
      );
    const waveShape = shapeOf(wavelength);
    if (waveShape.length !== 1)
      throw new FitsFormatError(`${describe(wavelength)} has shape ${waveShape.join('×')}, not one axis`);
    // A frame's one arm is named by its camera (z1), for messages.
    const armName = name || flux.header.getString('CAMERA')?.trim() || 'frame';
    arms.push({ name: armName, wavelength, flux, ivar, mask: mask ?? null, pixels: waveShape[0] });
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
  const fluxShape = shapeOf(arm.flux);
  const [pixels, fibres = 1, ...rest] = fluxShape;
  if (pixels !== arm.pixels || rest.some((n) => n !== 1)) {
    throw new FitsFormatError(
      `${describe(arm.flux)} has shape ${fluxShape.join('×')}; ` +
        `${describe(arm.wavelength)} has ${arm.pixels} pixels`,
    );
  }
  for (const hdu of [arm.ivar, arm.mask]) {
    const shape = hdu ? shapeOf(hdu) : [];
    if (hdu && (shape[0] !== pixels || (shape[1] ?? 1) !== fibres || shape.slice(2).some((n) => n !== 1))) {
      throw new FitsFormatError(
        `${describe(hdu)} has shape ${shape.join('×')}, ${describe(arm.flux)} ${fluxShape.join('×')}`,
      );
    }
  }
  return fibres;
}

type RowReader = (row: number, precision: 'float32' | 'float64') => Float32Array | Float64Array;

/**
 * Reads row `row` of a 2-D image, decoded like the whole image would be (BSCALE, BZERO, BLANK): a plain image's row
 * straight from its bytes, a tile-compressed one's from the tiles that hold it.
 */
function rowReader(buffer: Uint8Array, hdu: FitsHduInfo): RowReader {
  if (isCompressedImageHdu(hdu)) {
    const rows = compressedImageRows(buffer, hdu, MAX_PIXELS_PER_FIBRE);
    return (row, precision) => rows.read(row, precision);
  }
  return (row, precision) => readImageRow(buffer, hdu, row, precision);
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

/** FIBERMAP columns the reader uses, read once when the file is opened (one value per row). */
interface Fibermap {
  ids: string[];
  ra: (number | null)[] | null;
  dec: (number | null)[] | null;
  objtypes: string[] | null;
  /** Per exposure only: EXPID, and FIBERSTATUS (0 = good), per row. */
  expids: string[] | null;
  fiberstatus: (number | null)[] | null;
}

function readFibermap(buffer: Uint8Array, hdus: FitsHduInfo[], layout: DesiLayout, rows: number): Fibermap {
  const fibermap = named(hdus, 'FIBERMAP');
  const what = layout === 'desi-coadd' ? 'DESI coadd' : 'DESI spectra file';
  if (!fibermap || fibermap.type !== 'BINTABLE') throw new FitsFormatError(`the ${what} has no FIBERMAP table`);
  const column = (names: string[], required = false) => readColumn(buffer, fibermap, names, required);
  const ids = idsOf(column(['TARGETID'], true)!);
  if (ids.length !== rows)
    throw new FitsFormatError(`the FIBERMAP has ${ids.length} rows, the flux images ${rows} fibres`);
  const objtype = column(['OBJTYPE']);
  const perExposure = layout === 'desi-exposure';
  return {
    ids,
    ra: numbersOf(column(['TARGET_RA', 'RA'])),
    dec: numbersOf(column(['TARGET_DEC', 'DEC'])),
    objtypes: objtype && Array.isArray(objtype.data) ? objtype.data.map((t) => t.trim().toUpperCase()) : null,
    expids: perExposure ? expidsOf(column(['EXPID']), hdus[0], rows) : null,
    fiberstatus: perExposure ? numbersOf(column(['FIBERSTATUS'])) : null,
  };
}

/** Each row's exposure: the FIBERMAP's EXPID column, or a per-camera frame's EXPID card (one exposure for all rows). */
function expidsOf(column: FitsTableColumn | null, primary: FitsHduInfo, rows: number): string[] {
  if (column) return idsOf(column);
  const card = primary.header.getNumber('EXPID');
  if (card === undefined || !Number.isInteger(card))
    throw new FitsFormatError('the DESI spectra file has no EXPID, in its FIBERMAP or its primary header');
  return Array<string>(rows).fill(String(card));
}

/**
 * Checks a DESI file's arms and FIBERMAP against the file and prepares reading its rows. A coadd's row is a target
 * (named by TARGETID); a per-exposure file's row is one fibre in one exposure, and a target observed twice has two
 * rows, so its rows are named TARGETID-EXPID.
 */
export function openDesiSpectra(
  buffer: Uint8Array,
  hdus: FitsHduInfo[],
  layout: DesiLayout = desiLayoutOf(hdus) ?? 'desi-coadd',
): DesiSpectra {
  const arms = findArms(hdus, buffer.byteLength);
  if (arms.length === 0)
    throw new FitsFormatError("no DESI arm (B_FLUX, R_FLUX, Z_FLUX, BRZ_FLUX, or a frame's FLUX, with its wavelength)");
  const fibres = fibresOf(arms[0]);
  for (const arm of arms) {
    if (fibresOf(arm) !== fibres)
      throw new FitsFormatError(`DESI arm ${arm.name} has ${fibresOf(arm)} fibres, arm ${arms[0].name} ${fibres}`);
  }
  const pixels = arms.reduce((n, a) => n + a.pixels, 0);
  if (pixels > MAX_PIXELS_PER_FIBRE)
    throw new FitsFormatError(`the DESI arms have ${pixels} pixels a fibre, over the limit of ${MAX_PIXELS_PER_FIBRE}`);
  const { ids, ra, dec, objtypes, expids, fiberstatus } = readFibermap(buffer, hdus, layout, fibres);
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
  const readers = arms.map((arm) => ({
    arm,
    flux: rowReader(buffer, arm.flux),
    ivar: rowReader(buffer, arm.ivar),
    mask: arm.mask ? rowReader(buffer, arm.mask) : null,
  }));

  const checkFibre = (fibre: number) => {
    if (!Number.isInteger(fibre) || fibre < 0 || fibre >= fibres)
      throw new FitsFormatError(`the DESI file has ${fibres} fibres, not a fibre ${fibre}`);
  };
  const isTarget = (fibre: number) => {
    checkFibre(fibre);
    return (objtypes === null || objtypes[fibre] === 'TGT') && (fiberstatus?.[fibre] ?? 0) === 0;
  };
  const nameOf = (fibre: number) => (expids ? `${ids[fibre]}-${expids[fibre]}` : ids[fibre]);
  return {
    fibres,
    count: fibres,
    fluxHdu: arms[0].flux.index,
    targetId: (fibre) => (checkFibre(fibre), ids[fibre]),
    isTarget,
    isObject: isTarget,
    nameHint: (fibre) => (checkFibre(fibre), nameOf(fibre)),
    spectrum(fibre) {
      checkFibre(fibre);
      const flux = new Float32Array(plan.inputPixels);
      const ivar = new Float32Array(plan.inputPixels);
      const mask = new Uint32Array(plan.inputPixels);
      let at = 0;
      for (const reader of readers) {
        const n = reader.arm.pixels;
        flux.set(reader.flux(fibre, 'float32'), at);
        ivar.set(reader.ivar(fibre, 'float32'), at);
        if (reader.mask) {
          // float64: 32-bit mask words (unsigned, stored with BZERO = 2^31) survive exactly.
          const bits = reader.mask(fibre, 'float64');
          for (let i = 0; i < n; i++) mask[at + i] = bits[i] >>> 0;
        }
        at += n;
      }
      const joined = joinArms(plan, flux, ivar, mask);
      const redshift = redshifts.get(ids[fibre]);
      return inWavelengthOrder({
        wavelength: plan.wavelength.slice(),
        ...joined,
        z: redshift?.z ?? null,
        class: redshift?.class ?? null,
        ra: ra?.[fibre] ?? null,
        dec: dec?.[fibre] ?? null,
        fluxUnit,
        hdu: arms[0].flux.index,
        layout,
        medium: 'vacuum',
        mediumEvidence: 'DESI spectra are in vacuum',
      });
    },
  };
}

export const desiCoaddFormat: SpectrumFormat = {
  layout: 'desi-coadd',
  detect: findDesiCoaddHdu,
  open: (buffer, hdus) => openDesiSpectra(buffer, hdus, 'desi-coadd'),
};

export const desiExposureFormat: SpectrumFormat = {
  layout: 'desi-exposure',
  detect: (hdus) => (desiLayoutOf(hdus) === 'desi-exposure' ? findDesiArmHdu(hdus) : null),
  open: (buffer, hdus) => openDesiSpectra(buffer, hdus, 'desi-exposure'),
};
