// Spectra outside the optical, written as an IRAF-style 1-D FITS image in µm with air
// wavelengths, the way near-infrared long-slit pipelines write them: an H-band spectrum of a
// star-forming nucleus (Brackett lines and [Fe II] in emission on a flat continuum) and, for
// the "outside every grid" case, an L-band spectrum at 3–4 µm. The lines sit at their air
// wavelengths times (1 + z), so a reader that forgot the air-to-vacuum conversion puts them
// ~4.6 Å (about one pixel) off the inspector's vacuum markers.
import { encodeFitsImage } from '../../electron/core/formats/fits/writer.js';
import { SeededRandom } from '../../electron/core/discovery/seeded-random.js';

/** H-band emission lines at their air wavelengths, Å. */
export const H_BAND_AIR_LINES: Record<string, number> = {
  'Br13 1.611 µm': 16109.3,
  'Br12 1.641 µm': 16407.2,
  '[Fe II] 1.644 µm': 16435.5,
  'Br11 1.681 µm': 16806.5,
  'Br10 1.737 µm': 17362.1,
};

export interface InfraredSpectrum {
  /** µm of the first pixel and per pixel. */
  start: number;
  step: number;
  pixels: number;
  z: number;
  object: string;
}

export const H_BAND: InfraredSpectrum = { start: 1.5, step: 0.0004, pixels: 700, z: 0.01, object: 'IRAS 12112+0305' };
export const L_BAND: InfraredSpectrum = { start: 3.0, step: 0.002, pixels: 500, z: 0, object: 'L-band standard' };

/** The spectrum as a FITS file: flux with Gaussian lines of σ = 8 Å and 1% noise (seeded). */
export function encodeInfraredSpectrum(
  spec: InfraredSpectrum,
  lines: Record<string, number> = H_BAND_AIR_LINES,
): Buffer {
  const random = new SeededRandom(7);
  const data = Array.from({ length: spec.pixels }, (_, p) => {
    const wave = (spec.start + p * spec.step) * 1e4;
    let flux = 1;
    for (const air of Object.values(lines)) flux += 2 * Math.exp(-0.5 * ((wave - air * (1 + spec.z)) / 8) ** 2);
    return flux + 0.01 * random.nextGaussian();
  });
  return encodeFitsImage({
    shape: [spec.pixels],
    bitpix: -32,
    data,
    cards: [
      ['CTYPE1', 'LINEAR'],
      ['CUNIT1', 'um'],
      ['CRVAL1', spec.start],
      ['CDELT1', spec.step],
      ['CRPIX1', 1],
      ['AIRORVAC', 'air', 'wavelengths in standard air'],
      ['BUNIT', 'erg/cm2/s/A'],
      ['OBJECT', spec.object],
      ['Z', spec.z],
    ],
  });
}
