// The vocabulary of the demo spectra's truth table: what kind of spectrum each file is, and
// the per-object plan handed to the generator. A plan is plain data so it could cross a
// worker boundary unchanged.

/** Ordinary targets of a galaxy redshift survey. */
export const NORMAL_SPECTRUM_KINDS = ['passive', 'star-forming'] as const;
/** Something real and rare in a galaxy sample. */
export const ASTROPHYSICAL_SPECTRUM_ANOMALIES = ['qso', 'bal_qso', 'eelg', 'star'] as const;
/** The data, not the sky, is odd; the source underneath is an ordinary galaxy. */
export const INSTRUMENTAL_SPECTRUM_ANOMALIES = ['sky_residual', 'dead_pixels', 'flux_jump'] as const;
export const SPECTRUM_ANOMALY_KINDS = [
  ...ASTROPHYSICAL_SPECTRUM_ANOMALIES,
  ...INSTRUMENTAL_SPECTRUM_ANOMALIES,
] as const;

export type NormalSpectrumKind = (typeof NORMAL_SPECTRUM_KINDS)[number];
export type AstrophysicalSpectrumAnomaly = (typeof ASTROPHYSICAL_SPECTRUM_ANOMALIES)[number];
export type InstrumentalSpectrumAnomaly = (typeof INSTRUMENTAL_SPECTRUM_ANOMALIES)[number];
export type SpectrumAnomalyKind = (typeof SPECTRUM_ANOMALY_KINDS)[number];
export type SpectrumKind = NormalSpectrumKind | SpectrumAnomalyKind;
/** What is in the fibre, whatever happened to the data. */
export type SpectrumSource = NormalSpectrumKind | AstrophysicalSpectrumAnomaly;

/** SDSS's spectroscopic classes (SPECOBJ CLASS). */
export type SpectrumClass = 'GALAXY' | 'QSO' | 'STAR';

export interface SpectrumPlan {
  /** 0-based position in the collection. */
  index: number;
  /** File stem and object name, SDSS style: spec-PLATE-MJD-FIBER, e.g. spec-4521-55828-0137. */
  name: string;
  /** Seed of this object's own random stream. */
  seed: number;
  kind: SpectrumKind;
  source: SpectrumSource;
  /** True redshift (for stars, radial velocity / c). */
  z: number;
  class: SpectrumClass;
  /** Spectral subclass for stars (e.g. 'M3'); '' otherwise (galaxies get theirs when drawn). */
  starSubclass: string;
  plate: number;
  mjd: number;
  fiber: number;
  /** Fibre position, degrees (J2000). */
  ra: number;
  dec: number;
  /** Centre of the plate, degrees. */
  plateRa: number;
  plateDec: number;
}

export function isInstrumentalSpectrumAnomaly(kind: SpectrumKind): kind is InstrumentalSpectrumAnomaly {
  return (INSTRUMENTAL_SPECTRUM_ANOMALIES as readonly string[]).includes(kind);
}

export function isSpectrumAnomaly(kind: SpectrumKind): kind is SpectrumAnomalyKind {
  return (SPECTRUM_ANOMALY_KINDS as readonly string[]).includes(kind);
}

export function classOf(source: SpectrumSource): SpectrumClass {
  if (source === 'qso' || source === 'bal_qso') return 'QSO';
  return source === 'star' ? 'STAR' : 'GALAXY';
}
