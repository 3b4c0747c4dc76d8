// The wavelength grids spectrum model inputs live on, and the resampling onto them. There is one
// grid per wavelength regime (SPECTRUM_GRIDS): ultraviolet, optical and near-infrared, end to
// end from 1,150 Å to 2.5 µm, each of 2,048 log-linear bins, so a model's input shape is the
// same whatever the regime. A spectrum goes on the grid where it has the most good bins; a
// collection's spectrum embedding is made on the grid most of its spectra are on (the most used
// store), so the grid follows the collection. The optical grid is 3,600–9,800 Å (what SDSS and
// DESI both cover), in 2,048 bins of 2.124e-4 dex (≈147 km/s). Why that length: SDSS pixels are
// 1e-4 dex (69 km/s) and its resolution R ≈ 2,000 is ≈150 km/s FWHM, so one bin per resolution
// element keeps narrow emission lines (σ 50–150 km/s) to one to three bins while halving the
// length; and 2,048 = 2^11 halves cleanly through every pooling layer of a 1-D encoder. The
// observed frame is kept on purpose: redshifts are unknown for many files and a wrong one is
// itself an anomaly worth finding.
//
// Resampling averages flux density over each bin, weighting each input pixel by its overlap in Å
// times its inverse variance. With equal weights that conserves flux exactly (the bin mean times
// the bin width is the integral of the input over the bin); unequal weights favour the
// better-measured pixels. Bad pixels (masked, ivar = 0, non-finite) take no part; a bin less
// than half covered by good pixels is marked bad.
import { SPECTRUM_REGIMES, type SpectrumRegime } from '../api/contract-lists.js';
import { type Spectrum1D, isGoodPixel } from '../formats/spectra/spectrum.js';

export interface SpectrumGrid {
  /** log10 of the lower edge of the first bin, in Å. */
  logMin: number;
  /** log10 of the upper edge of the last bin, in Å. */
  logMax: number;
  length: number;
}

export const SPECTRUM_GRID: SpectrumGrid = Object.freeze({
  logMin: Math.log10(3600),
  logMax: Math.log10(9800),
  length: 2048,
});

/** A wavelength regime's model grid. */
export interface RegimeGrid {
  /** Recorded as the object's `model_grid` metadata and in its model-input store's name. */
  regime: SpectrumRegime;
  grid: SpectrumGrid;
}

const logGrid = (from: number, to: number): SpectrumGrid =>
  Object.freeze({ logMin: Math.log10(from), logMax: Math.log10(to), length: SPECTRUM_GRID.length });

const GRID_OF_REGIME: Record<SpectrumRegime, SpectrumGrid> = {
  optical: SPECTRUM_GRID,
  ultraviolet: logGrid(1150, 3600),
  'near-infrared': logGrid(9800, 25_000),
};

/**
 * The regimes' grids, in SPECTRUM_REGIMES order; on a tie in good bins the first listed wins. Ultraviolet reaches
 * down to Lyα and HST COS/STIS; near-infrared covers the Y, J, H and K bands (APOGEE, X-shooter NIR, MOSFIRE).
 */
export const SPECTRUM_GRIDS: readonly RegimeGrid[] = Object.freeze(
  SPECTRUM_REGIMES.map((regime) => ({ regime, grid: GRID_OF_REGIME[regime] })),
);

/** "1150–25000 Å": the span of all grids together, for messages. */
export function gridsSpan(): string {
  const lows = SPECTRUM_GRIDS.map((r) => 10 ** r.grid.logMin);
  const highs = SPECTRUM_GRIDS.map((r) => 10 ** r.grid.logMax);
  return `${Math.round(Math.min(...lows))}–${Math.round(Math.max(...highs))} Å`;
}

/** A good bin needs at least this fraction of its width covered by good input pixels. */
const MIN_COVERAGE = 0.5;

export function gridStep(grid: SpectrumGrid = SPECTRUM_GRID): number {
  return (grid.logMax - grid.logMin) / grid.length;
}

/** Bin edges in Å: length + 1 values. */
export function spectrumGridEdges(grid: SpectrumGrid = SPECTRUM_GRID): Float64Array {
  const step = gridStep(grid);
  return Float64Array.from({ length: grid.length + 1 }, (_, k) => 10 ** (grid.logMin + k * step));
}

/** Bin centres in Å (geometric, the midpoint in log λ): the x axis of a spectrum model input. */
export function spectrumGridWavelengths(grid: SpectrumGrid = SPECTRUM_GRID): Float64Array {
  const step = gridStep(grid);
  return Float64Array.from({ length: grid.length }, (_, k) => 10 ** (grid.logMin + (k + 0.5) * step));
}

/** Every spectrum of an ingest resamples onto the same grid: its edges are computed once. */
const edgesByGrid = new WeakMap<SpectrumGrid, Float64Array>();

function cachedEdges(grid: SpectrumGrid): Float64Array {
  let edges = edgesByGrid.get(grid);
  if (!edges) edgesByGrid.set(grid, (edges = spectrumGridEdges(grid)));
  return edges;
}

export interface ResampledSpectrum {
  /** Mean flux density per bin (the input's units); 0 in bad bins. */
  flux: Float32Array;
  /** Inverse variance of each bin's mean; 0 in bad bins. null when the input had no ivar. */
  ivar: Float32Array | null;
  /** 1 for a good bin, 0 for a bad one. */
  good: Uint8Array;
}

/**
 * Input pixel edges in Å: midpoints in log λ between neighbouring centres, the outer two
 * extrapolated by half a pixel, which is exact for log-linear grids (SDSS) and within a
 * negligible fraction of a pixel for linear ones.
 */
export function pixelEdges(wavelength: Float64Array): Float64Array {
  const n = wavelength.length;
  const edges = new Float64Array(n + 1);
  if (n === 1) {
    // A single pixel has no width to read off; give it a 1e-4 dex one (one SDSS pixel).
    edges[0] = wavelength[0] * 10 ** -0.5e-4;
    edges[1] = wavelength[0] * 10 ** 0.5e-4;
    return edges;
  }
  for (let i = 1; i < n; i++) edges[i] = Math.sqrt(wavelength[i - 1] * wavelength[i]);
  edges[0] = (wavelength[0] * wavelength[0]) / edges[1];
  edges[n] = (wavelength[n - 1] * wavelength[n - 1]) / edges[n - 1];
  return edges;
}

/** Resamples a spectrum (increasing wavelength, as the readers give it) onto the grid. */
export function resampleSpectrum(spectrum: Spectrum1D, grid: SpectrumGrid = SPECTRUM_GRID): ResampledSpectrum {
  const { length } = grid;
  const step = gridStep(grid);
  const gridEdges = cachedEdges(grid);
  const edges = pixelEdges(spectrum.wavelength);
  const logEdges = edges.map(Math.log10);
  const sumWF = new Float64Array(length); // Σ w·o·f
  const sumW = new Float64Array(length); // Σ w·o
  const sumWO = new Float64Array(length); // Σ w·o², for the variance of the weighted mean
  const covered = new Float64Array(length); // Σ o over good pixels, Å
  const ivar = spectrum.ivar;
  for (let i = 0; i < spectrum.flux.length; i++) {
    if (!isGoodPixel(spectrum, i)) continue;
    const lo = edges[i];
    const hi = edges[i + 1];
    const first = Math.max(0, Math.floor((logEdges[i] - grid.logMin) / step));
    const last = Math.min(length - 1, Math.floor((logEdges[i + 1] - grid.logMin) / step));
    const f = spectrum.flux[i];
    const w = ivar ? ivar[i] : 1;
    for (let k = first; k <= last; k++) {
      const o = Math.min(hi, gridEdges[k + 1]) - Math.max(lo, gridEdges[k]);
      if (o <= 0) continue;
      sumWF[k] += w * o * f;
      sumW[k] += w * o;
      sumWO[k] += w * o * o;
      covered[k] += o;
    }
  }
  const out: ResampledSpectrum = {
    flux: new Float32Array(length),
    ivar: ivar ? new Float32Array(length) : null,
    good: new Uint8Array(length),
  };
  for (let k = 0; k < length; k++) {
    if (sumW[k] <= 0 || covered[k] < MIN_COVERAGE * (gridEdges[k + 1] - gridEdges[k])) continue;
    out.flux[k] = sumWF[k] / sumW[k];
    if (out.ivar) out.ivar[k] = (sumW[k] * sumW[k]) / sumWO[k];
    out.good[k] = 1;
  }
  return out;
}
