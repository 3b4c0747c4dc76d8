// Writes a rendered cutout as surveys hand out science cutouts: a 3-band float32 FITS cube
// (planes g, r, z) in nanomaggies, with a TAN WCS whose reference pixel is the frame centre
// and whose reference value is the target's RA/Dec. Pure JS, so render workers can call it.
import { writeFitsImage } from '../formats/fits/writer.js';
import { BANDS, PIXEL_SCALE_ARCSEC, type CutoutImage } from './cutout-image.js';

export interface SkyPosition {
  ra: number;
  dec: number;
}

/** FITS header cards for a demo cube; CRPIX is the frame centre in 1-based pixels. */
export function demoFitsCards(size: number, position: SkyPosition, name: string): [string, string | number, string?][] {
  const centre = (size + 1) / 2;
  return [
    ['BUNIT', 'nanomaggy', 'AB 22.5 mag = 1 nanomaggy'],
    ['OBJECT', name],
    ['CTYPE1', 'RA---TAN'],
    ['CTYPE2', 'DEC--TAN'],
    ['CRVAL1', position.ra, '[deg] RA of the target'],
    ['CRVAL2', position.dec, '[deg] Dec of the target'],
    ['CRPIX1', centre],
    ['CRPIX2', centre],
    ['CD1_1', -PIXEL_SCALE_ARCSEC / 3600],
    ['CD1_2', 0],
    ['CD2_1', 0],
    ['CD2_2', PIXEL_SCALE_ARCSEC / 3600],
    ['RADESYS', 'ICRS'],
    ['EQUINOX', 2000],
    ...BANDS.map((band, i): [string, string, string] => [`BAND${i + 1}`, band, `filter of plane ${i + 1}`]),
    ['SURVEY', 'SERENDIP-DEMO', 'synthetic DECaLS-like cutout'],
  ];
}

/** The bands stacked as FITS wants them: x fastest, then y (upward), then band g, r, z. */
export function stackBands(image: CutoutImage): Float32Array {
  const n = image.size * image.size;
  const cube = new Float32Array(3 * n);
  for (let band = 0; band < 3; band++) cube.set(image.bands[band], band * n);
  return cube;
}

export function writeFitsCutout(path: string, image: CutoutImage, position: SkyPosition, name: string): void {
  writeFitsImage(path, {
    shape: [image.size, image.size, 3],
    bitpix: -32,
    data: stackBands(image),
    cards: demoFitsCards(image.size, position, name),
  });
}
