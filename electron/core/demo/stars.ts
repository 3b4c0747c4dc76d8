// Foreground stars: PSF-shaped point sources, drawn after the seeing blur from the analytic
// PSF so that a star centred just off the frame still lights its edge. Bright stars also get
// an extended halo and four diffraction spikes from the telescope's secondary-mirror vanes.
import { colourToFluxes, magnitudeToNanomaggies, type BandTriple, type CutoutImage } from './cutout-image.js';
import { addPointSource, psfReach, type Psf } from './psf.js';
import type { Random } from './prng.js';

export interface Star {
  x: number;
  y: number;
  fluxes: BandTriple;
  /** Bright enough for a halo and diffraction spikes. */
  bright: boolean;
  /** Direction of the first spike (radians); the vanes give four at right angles. */
  spikeAngle: number;
}

/** Stars brighter than this (r, AB mag) show a halo and spikes. */
const BRIGHT_STAR_MAG = 15;
const HALO_SHARE = 0.04;
const SPIKE_SHARE = 0.012;

export function drawStarColourFluxes(rng: Random, rMag: number): BandTriple {
  const gr = rng.uniform(0.25, 1.45);
  const rz = 0.05 + 0.5 * gr + rng.gaussian(0, 0.08);
  return colourToFluxes(magnitudeToNanomaggies(rMag), { gr, rz });
}

/** A magnitude from dN/dm ∝ 10^(0.2 m): faint stars far outnumber bright ones. */
function drawStarMagnitude(rng: Random, bright: number, faint: number): number {
  const a = 10 ** (0.2 * bright);
  const b = 10 ** (0.2 * faint);
  return Math.log10(a + rng.next() * (b - a)) / 0.2;
}

/**
 * Field stars for a `size`-pixel cutout whose target sits at (cx, cy). `density` is the mean
 * number of stars per 100 × 100 pixels, which varies with galactic latitude.
 */
export function drawStarField(rng: Random, size: number, cx: number, cy: number, density: number): Star[] {
  const stars: Star[] = [];
  const spikeAngle = rng.uniform(-0.05, 0.05); // vanes are near-aligned with the pixel grid
  const count = rng.poisson(density * (size / 100) ** 2);
  for (let k = 0; k < count; k++) {
    const rMag = drawStarMagnitude(rng, 16, 23.5);
    const place = placeAwayFrom(rng, size, 4, cx, cy, 9);
    stars.push({ ...place, fluxes: drawStarColourFluxes(rng, rMag), bright: false, spikeAngle });
  }
  if (rng.chance(0.07)) {
    const rMag = rng.uniform(11.5, 15.5);
    const place = placeAwayFrom(rng, size, 25, cx, cy, 22);
    stars.push({ ...place, fluxes: drawStarColourFluxes(rng, rMag), bright: rMag < BRIGHT_STAR_MAG, spikeAngle });
  }
  return stars;
}

/** A position within the frame plus `margin`, at least `avoid` px from (cx, cy). */
function placeAwayFrom(
  rng: Random,
  size: number,
  margin: number,
  cx: number,
  cy: number,
  avoid: number,
): { x: number; y: number } {
  for (let attempt = 0; ; attempt++) {
    const x = rng.uniform(-margin, size - 1 + margin);
    const y = rng.uniform(-margin, size - 1 + margin);
    if (Math.hypot(x - cx, y - cy) >= avoid || attempt > 20) return { x, y };
  }
}

export function paintStar(image: CutoutImage, psfs: Psf[], star: Star): void {
  for (let band = 0; band < 3; band++) {
    const flux = star.fluxes[band];
    const psf = psfs[band];
    addPointSource(
      image,
      band,
      psf,
      star.x,
      star.y,
      star.bright ? flux * (1 - HALO_SHARE - SPIKE_SHARE) : flux,
      star.bright ? image.size * 2 : psfReach(psf),
    );
    if (star.bright) {
      addHalo(image, band, psf, star.x, star.y, flux * HALO_SHARE);
      addSpikes(image, band, psf, star.x, star.y, flux * SPIKE_SHARE, star.spikeAngle);
    }
  }
}

/** The far wings of a bright star: a Moffat β = 2 profile a few seeing widths across. */
function addHalo(image: CutoutImage, band: number, psf: Psf, x: number, y: number, flux: number): void {
  const { size } = image;
  const plane = image.bands[band];
  const alpha = 4 * psf.fwhm;
  const norm = flux / (Math.PI * alpha * alpha); // (β − 1) / (π α²) with β = 2
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const rr = ((px - x) ** 2 + (py - y) ** 2) / (alpha * alpha);
      plane[py * size + px] += norm / ((1 + rr) * (1 + rr));
    }
  }
}

/** Four thin spikes whose brightness falls off as a power of distance from the star. */
function addSpikes(
  image: CutoutImage,
  band: number,
  psf: Psf,
  x: number,
  y: number,
  flux: number,
  angle: number,
): void {
  const { size } = image;
  const plane = image.bands[band];
  const width = Math.max(0.7, 0.55 * psf.coreSigma);
  const scale = 2 * psf.fwhm;
  // ∫ 4 · 1/(1 + s/scale)^2 ds over s ≥ 0 is 4·scale: normalise the spikes' total to `flux`.
  const peak = flux / (4 * scale * Math.sqrt(2 * Math.PI) * width);
  const cosA = Math.cos(angle);
  const sinA = Math.sin(angle);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const dx = px - x;
      const dy = py - y;
      const along1 = dx * cosA + dy * sinA;
      const along2 = -dx * sinA + dy * cosA;
      let value = 0;
      for (const [s, t] of [
        [along1, along2],
        [along2, along1],
      ]) {
        if (Math.abs(t) > 4 * width) continue;
        const fall = 1 / (1 + Math.abs(s) / scale);
        value += peak * fall * fall * Math.exp(-(t * t) / (2 * width * width));
      }
      plane[py * size + px] += value;
    }
  }
}
