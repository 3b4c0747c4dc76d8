// The shapes of the "Why odd?" panel's spectrum plot: the model input's flux and the model's
// reconstruction of it on the model grid, as SVG paths (a masked bin, NaN, breaks a path), and
// the wavelength ranges that drive the score as bands. Pure functions, tested under Node.
import type { ExplainSpectrum } from '../../../../electron/core/api/contract-explain.js';
import { finitePath } from '../../../../electron/core/discovery/explain/spectrum/finite-path.js';

type Driver = ExplainSpectrum['drivers'][number];

export interface DriverBand {
  x: number;
  width: number;
  share: number;
  label: string;
}

export interface ExplainSpectrumShapes {
  flux: string;
  reconstruction: string;
  drivers: DriverBand[];
}

/** A band is at least this wide (px of the 320-px-wide plot), so a one-bin driver stays visible. */
const MIN_BAND = 2;
/** The share of values at each end of the flux range left outside the scale. */
const CLIP = 0.005;

/** How a driver reads in the list and on its band: "6540–6590 Å (Hα): 42%". */
export function driverLabel(driver: Driver): string {
  const line = driver.line ? ` (${driver.line})` : '';
  return `${driver.from.toFixed(0)}–${driver.to.toFixed(0)} Å${line}: ${(100 * driver.share).toFixed(0)}%`;
}

/**
 * The paths and bands in a width × height box: wavelength rises to the right over the grid's range, and flux upward
 * over the range of the finite flux and reconstruction values together (less the extreme 0.5% at each end), `pad`
 * px inside the top and bottom.
 */
export function explainSpectrumShapes(
  spectrum: ExplainSpectrum,
  width: number,
  height: number,
  pad = 2,
): ExplainSpectrumShapes {
  const { wavelength, flux, reconstruction } = spectrum;
  const first = wavelength[0] ?? 0;
  const span = (wavelength.at(-1) ?? first) - first || 1;
  const x = (w: number) => ((w - first) / span) * width;
  // The flux scale spans all but the most extreme 0.5% at either end, so one sky-line spike does not flatten the
  // continuum; what lies beyond is drawn at the box's edge.
  const finite = [...flux, ...reconstruction].filter(Number.isFinite).sort((p, q) => p - q);
  const low = finite[Math.floor(CLIP * (finite.length - 1))] ?? 0;
  const high = finite[Math.ceil((1 - CLIP) * (finite.length - 1))] ?? 1;
  const range = high - low || 1;
  const y = (v: number) => pad + (1 - Math.min(1, Math.max(0, (v - low) / range))) * (height - 2 * pad);
  const drivers = spectrum.drivers.map((d) => ({
    x: x(d.from),
    width: Math.max(MIN_BAND, x(d.to) - x(d.from)),
    share: d.share,
    label: driverLabel(d),
  }));
  return {
    flux: finitePath(wavelength, flux, x, y),
    reconstruction: finitePath(wavelength, reconstruction, x, y),
    drivers,
  };
}
