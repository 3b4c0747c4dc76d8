// Rest wavelengths (Å, vacuum, as SDSS spectra are) of the features the demo spectra carry:
// nebular emission, stellar absorption, quasar broad lines, and the night sky. Kept in one
// table so the generator and the tests that look for a line at (1+z)·λ agree on λ.

/** Narrow nebular emission lines of star-forming galaxies. */
export const NEBULAR = {
  OII_3727: 3727.092,
  OII_3730: 3729.875,
  NeIII_3870: 3869.86,
  Hdelta: 4102.892,
  Hgamma: 4341.684,
  OIII_4364: 4364.436,
  HeII_4687: 4687.02,
  Hbeta: 4862.683,
  OIII_4960: 4960.295,
  OIII_5008: 5008.24,
  HeI_5877: 5877.25,
  OI_6302: 6302.046,
  NII_6550: 6549.86,
  Halpha: 6564.61,
  NII_6585: 6585.27,
  SII_6718: 6718.29,
  SII_6733: 6732.67,
} as const;

/** An absorption feature: rest centre, equivalent width (Å) and intrinsic width (σ, Å). */
export interface AbsorptionFeature {
  lambda: number;
  ew: number;
  sigma: number;
}

/** Strong absorption of an old stellar population (typical equivalent widths). */
export const OLD_POPULATION_ABSORPTION: readonly AbsorptionFeature[] = [
  { lambda: 3835.4, ew: 1.5, sigma: 4 }, // H9 + metals
  { lambda: 3870, ew: 4, sigma: 14 }, // CN band
  { lambda: 3934.78, ew: 9, sigma: 1.5 }, // Ca II K
  { lambda: 3969.59, ew: 8, sigma: 1.5 }, // Ca II H + Hε
  { lambda: 4102.89, ew: 1.5, sigma: 2 }, // Hδ
  { lambda: 4227.9, ew: 1.5, sigma: 1 }, // Ca I
  { lambda: 4305.6, ew: 5, sigma: 6 }, // G band (CH)
  { lambda: 4341.68, ew: 1.5, sigma: 2 }, // Hγ
  { lambda: 4384.7, ew: 2, sigma: 2 }, // Fe 4383
  { lambda: 4456, ew: 1, sigma: 2 }, // Ca 4455
  { lambda: 4532, ew: 1.5, sigma: 3 }, // Fe 4531
  { lambda: 4669, ew: 3, sigma: 8 }, // C2 4668
  { lambda: 4862.68, ew: 1.6, sigma: 2 }, // Hβ
  { lambda: 5016.5, ew: 2, sigma: 4 }, // Fe 5015
  { lambda: 5150, ew: 2, sigma: 18 }, // MgH band
  { lambda: 5168.8, ew: 1.2, sigma: 0.8 }, // Mg b
  { lambda: 5174.1, ew: 1.4, sigma: 0.8 },
  { lambda: 5185.0, ew: 1.6, sigma: 0.8 },
  { lambda: 5271.8, ew: 2.3, sigma: 2 }, // Fe 5270
  { lambda: 5336.5, ew: 1.8, sigma: 2 }, // Fe 5335
  { lambda: 5407.5, ew: 1.2, sigma: 2 }, // Fe 5406
  { lambda: 5891.6, ew: 1.9, sigma: 1 }, // Na D2
  { lambda: 5897.6, ew: 1.6, sigma: 1 }, // Na D1
  { lambda: 6564.61, ew: 1.2, sigma: 2 }, // Hα
  { lambda: 8500.4, ew: 1.2, sigma: 1.5 }, // Ca II triplet
  { lambda: 8544.4, ew: 3, sigma: 1.5 },
  { lambda: 8664.5, ew: 2.5, sigma: 1.5 },
];

/** Balmer series in absorption (Hα … H10), as A stars and young populations show it. */
export const BALMER_SERIES = [6564.61, 4862.68, 4341.68, 4102.89, 3971.2, 3890.16, 3836.47, 3798.98, 3771.7] as const;

/** Quasar emission lines; `ew` is a typical rest equivalent width (Å), `narrow` lines are not broad. */
export interface QuasarLine {
  name: string;
  lambda: number;
  ew: number;
  narrow?: boolean;
}

export const QUASAR_LINES: readonly QuasarLine[] = [
  { name: 'Lyb/OVI', lambda: 1033.8, ew: 12 },
  { name: 'Lya', lambda: 1215.67, ew: 90 },
  { name: 'NV', lambda: 1240.14, ew: 15 },
  { name: 'SiIV/OIV]', lambda: 1399.8, ew: 8 },
  { name: 'CIV', lambda: 1549.06, ew: 32 },
  { name: 'HeII', lambda: 1640.42, ew: 2 },
  { name: 'AlIII', lambda: 1857.4, ew: 1.5 },
  { name: 'CIII]', lambda: 1908.73, ew: 20 },
  { name: 'MgII', lambda: 2799.12, ew: 32 },
  { name: '[NeV]', lambda: 3426.85, ew: 1.2, narrow: true },
  { name: '[OII]', lambda: 3728.48, ew: 2, narrow: true },
  { name: 'Hdelta', lambda: 4102.89, ew: 6 },
  { name: 'Hgamma', lambda: 4341.68, ew: 14 },
  { name: 'Hbeta', lambda: 4862.68, ew: 55 },
  { name: '[OIII]4960', lambda: 4960.295, ew: 4, narrow: true },
  { name: '[OIII]5008', lambda: 5008.24, ew: 12, narrow: true },
  { name: 'Halpha', lambda: 6564.61, ew: 220 },
];

export const LYMAN_ALPHA = 1215.67;
export const LYMAN_LIMIT = 911.75;
export const CIV = 1549.06;

/** Ions whose broad absorption troughs BAL quasars show, with the trough depth relative to C IV. */
export const BAL_IONS = [
  { lambda: 1549.06, strength: 1 }, // C IV
  { lambda: 1397.61, strength: 0.8 }, // Si IV
  { lambda: 1240.14, strength: 0.9 }, // N V
  { lambda: 1215.67, strength: 0.6 }, // Lyα
] as const;
/** Low-ionisation troughs, seen in a minority (LoBALs). */
export const LOBAL_IONS = [
  { lambda: 2799.12, strength: 0.7 }, // Mg II
  { lambda: 1857.4, strength: 0.6 }, // Al III
] as const;

/** A molecular band: head (Å, sharp on the blue side, fading to the red) and relative strength. */
export interface MolecularBand {
  head: number;
  strength: number;
}

/** TiO bands of M dwarfs; the 7055 Å band is the deepest. */
export const TIO_BANDS: readonly MolecularBand[] = [
  { head: 4762, strength: 0.45 },
  { head: 4955, strength: 0.55 },
  { head: 5168, strength: 0.65 },
  { head: 5449, strength: 0.6 },
  { head: 5599, strength: 0.35 },
  { head: 5848, strength: 0.55 },
  { head: 6160, strength: 0.85 },
  { head: 6653, strength: 0.45 },
  { head: 7055, strength: 1.2 },
  { head: 7591, strength: 0.75 },
  { head: 8434, strength: 0.45 },
  { head: 8861, strength: 0.35 },
];
/** CaH bands of M dwarfs. */
export const CAH_BANDS: readonly MolecularBand[] = [
  { head: 6382, strength: 0.8 },
  { head: 6750, strength: 1 },
  { head: 6908, strength: 0.6 },
];
/** M-dwarf atomic lines: Na I doublet, K I doublet, Ca II triplet, Ca I. */
export const M_DWARF_LINES: readonly AbsorptionFeature[] = [
  { lambda: 8185.5, ew: 2.5, sigma: 1 },
  { lambda: 8197.1, ew: 3, sigma: 1 },
  { lambda: 7667.0, ew: 2, sigma: 1.5 },
  { lambda: 7701.1, ew: 1.8, sigma: 1.5 },
  { lambda: 8500.4, ew: 1, sigma: 1.5 },
  { lambda: 8544.4, ew: 2.2, sigma: 1.5 },
  { lambda: 8664.5, ew: 1.8, sigma: 1.5 },
  { lambda: 6574.8, ew: 0.8, sigma: 1 },
  { lambda: 5891.6, ew: 3, sigma: 1.5 },
  { lambda: 5897.6, ew: 2.5, sigma: 1.5 },
];

/** Night-sky emission (Å, vacuum): auroral oxygen, and sodium and mercury street lamps. */
export const SKY_LINES = {
  oxygen: [
    { lambda: 5578.89, flux: 300 },
    { lambda: 6302.05, flux: 110 },
    { lambda: 6365.54, flux: 36 },
  ],
  lamps: [
    { lambda: 4047.7, flux: 6 },
    { lambda: 4359.6, flux: 18 },
    { lambda: 5462.3, flux: 22 },
    { lambda: 5891.6, flux: 30 },
    { lambda: 5897.6, flux: 24 },
  ],
} as const;

/**
 * Regions of the OH (Meinel) forest: [start, end] Å and relative strength. The individual
 * lines inside are laid out by sky-model from a fixed seed, the same for every spectrum.
 */
export const OH_BANDS: readonly [number, number, number][] = [
  [6830, 6980, 0.3],
  [7240, 7420, 0.7],
  [7520, 7720, 0.3],
  [7750, 8030, 0.9],
  [8280, 8560, 1],
  [8760, 9060, 1],
  [9300, 9500, 0.8],
];

/** Telluric (O2) absorption bands that flux calibration leaves behind: centre, σ (Å), depth. */
export const TELLURIC_BANDS = [
  { lambda: 6880, sigma: 8, depth: 0.06 },
  { lambda: 7610, sigma: 14, depth: 0.12 },
  { lambda: 8230, sigma: 25, depth: 0.03 },
  { lambda: 9050, sigma: 60, depth: 0.05 },
] as const;
