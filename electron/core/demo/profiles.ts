// Surface-brightness profiles painted into the intrinsic (pre-seeing) image: Sérsic
// components (with optional logarithmic spiral arms), elliptical Gaussian blobs, and arcs
// or rings (lensed images, ring galaxies, merger shells). Each painter adds one shape into
// all three bands at once, scaled by that component's band fluxes, so colour gradients
// come from giving a galaxy's components different colours.
import type { BandTriple, CutoutImage } from './cutout-image.js';

/** Geometry shared by every profile: centre in pixels, axis ratio, position angle. */
export interface Ellipse {
  x: number;
  y: number;
  /** Minor/major axis ratio in (0, 1]. */
  q: number;
  /** Position angle of the major axis in radians, anticlockwise from +x. */
  pa: number;
}

/** A logarithmic spiral pattern laid over a disk, measured in the disk's own plane. */
export interface SpiralArms {
  count: number;
  /** Pitch angle in radians (10–30° for real spirals). */
  pitch: number;
  /** Disk-plane angle (radians) where arm 0 starts at `startRadius`. */
  phase: number;
  /** +1 or −1: the sense in which the arms wind. */
  chirality: number;
  /** 0 = smooth disk, 1 = all disk light in the arms. */
  amplitude: number;
  /** Integer power that narrows the arms (1 broad … 4 thin). */
  sharpness: number;
  /** Radius (px) where the arms start: the bulge or bar end; they fade in inside it. */
  startRadius: number;
}

export interface SersicProfile extends Ellipse {
  n: number;
  /** Effective (half-light) radius along the major axis, pixels. */
  re: number;
  arms?: SpiralArms;
}

/** b_n with the first correction term (Ciotti & Bertin 1999) to the 2n − 1/3 rule. */
export function sersicB(n: number): number {
  return 2 * n - 1 / 3 + 4 / (405 * n) + 46 / (25515 * n * n);
}

/** Γ(x) for x > 0 by the Lanczos approximation (g = 7), ample for flux normalisation. */
export function gamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * gamma(1 - x));
  const z = x - 1;
  let sum = c[0];
  for (let i = 1; i < 9; i++) sum += c[i] / (z + i);
  const t = z + 7.5;
  return Math.sqrt(2 * Math.PI) * t ** (z + 0.5) * Math.exp(-t) * sum;
}

/** Total flux of a Sérsic profile with surface brightness 1 at r_e. */
export function sersicTotalAtUnitIe(n: number, re: number, q: number): number {
  const b = sersicB(n);
  return 2 * Math.PI * n * q * re * re * Math.exp(b) * b ** (-2 * n) * gamma(2 * n);
}

/** Mean over angle of ((1 + cos φ)/2)^k, so arm modulation keeps the disk's total flux. */
function armPatternMean(k: number): number {
  let binomial = 1;
  for (let i = 1; i <= k; i++) binomial = (binomial * (k + i)) / i;
  return binomial / 4 ** k;
}

/** Pixels nearer the centre than this get sub-sampled, so cusps keep their true flux. */
const CUSP_RADIUS_PX = 1.6;
const CUSP_SUBSAMPLES = 4;
/** Radial look-up table size; below this many pixels direct evaluation is cheaper. */
const TABLE_ENTRIES = 1024;
const TABLE_MIN_PIXELS = 3 * TABLE_ENTRIES;

export interface PaintLimits {
  /** Paint only within this many pixels of the centre along x and y. */
  boxRadius?: number;
  /** Surface density (nanomaggies per pixel) below which light is not worth painting. */
  faintest?: number;
}

/** Radius (major axis, px) where the brightest band of a Sérsic drops to `faintest`. */
function sersicCutRadius(n: number, re: number, b: number, ie: number, peakFlux: number, faintest: number): number {
  const headroom = Math.log((ie * peakFlux) / faintest);
  if (!(headroom > -b)) return 0;
  return re * (1 + headroom / b) ** n;
}

/** Spiral-arm brightness factor at disk-plane offset (u, v) with squared radius rr. */
function armModulation(
  arms: SpiralArms,
  u: number,
  v: number,
  rr: number,
  winding: number,
  start2: number,
  mean: number,
): number {
  const theta = Math.atan2(v, u);
  const logR = 0.5 * Math.log(Math.max(rr, 1e-6) / start2);
  const c = 0.5 + 0.5 * Math.cos(arms.count * (theta - arms.phase - winding * logR));
  let pattern = c;
  for (let k = 1; k < arms.sharpness; k++) pattern *= c;
  const fadeIn = 1 - Math.exp(-rr / start2);
  return 1 + arms.amplitude * fadeIn * (pattern / mean - 1);
}

/** Adds a Sérsic component of total band fluxes `fluxes` into the image. */
export function paintSersic(image: CutoutImage, p: SersicProfile, fluxes: BandTriple, limits: PaintLimits = {}): void {
  const { size } = image;
  const [g, r, z] = image.bands;
  const b = sersicB(p.n);
  const ie = 1 / sersicTotalAtUnitIe(p.n, p.re, p.q);
  const cosA = Math.cos(p.pa);
  const sinA = Math.sin(p.pa);
  const invQ = 1 / p.q;
  const invRe2 = 1 / (p.re * p.re);
  const exponent = 0.5 / p.n; // applied to (r/re)^2
  const arms = p.arms;
  const armMean = arms ? armPatternMean(arms.sharpness) : 1;
  const armWinding = arms ? arms.chirality / Math.tan(arms.pitch) : 0;
  const armStart2 = arms ? arms.startRadius * arms.startRadius : 1;
  const [fg, fr, fz] = fluxes;

  let reach = limits.boxRadius ?? Infinity;
  if (limits.faintest) {
    // Arms can lift the disk up to 1/mean times its smooth level.
    const peak = Math.max(fg, fr, fz) * (arms ? 1 / armMean : 1);
    reach = Math.min(reach, sersicCutRadius(p.n, p.re, b, ie, peak, limits.faintest));
  }
  const x0 = Math.max(0, Math.floor(p.x - reach));
  const x1 = Math.min(size - 1, Math.ceil(p.x + reach));
  const y0 = Math.max(0, Math.floor(p.y - reach));
  const y1 = Math.min(size - 1, Math.ceil(p.y + reach));
  if (x1 < x0 || y1 < y0) return;

  const exact = (dx: number, dy: number): number => {
    const u = dx * cosA + dy * sinA;
    const v = (-dx * sinA + dy * cosA) * invQ;
    const rr = u * u + v * v;
    const value = ie * Math.exp(-b * ((rr * invRe2) ** exponent - 1));
    return arms ? value * armModulation(arms, u, v, rr, armWinding, armStart2, armMean) : value;
  };

  // Away from the cusp the radial profile comes from a table in t = (r/re)^(1/2), which is
  // fine near the centre and coarse far out, where the profile changes slowly.
  let table: Float64Array | null = null;
  let tableScale = 0;
  if ((x1 - x0 + 1) * (y1 - y0 + 1) >= TABLE_MIN_PIXELS) {
    let maxS = 0;
    for (const cx of [x0, x1]) {
      for (const cy of [y0, y1]) {
        const u = (cx - p.x) * cosA + (cy - p.y) * sinA;
        const v = (-(cx - p.x) * sinA + (cy - p.y) * cosA) * invQ;
        maxS = Math.max(maxS, (u * u + v * v) * invRe2);
      }
    }
    const tMax = Math.sqrt(Math.sqrt(maxS)) * 1.001 + 1e-9;
    table = new Float64Array(TABLE_ENTRIES + 2);
    const step = tMax / TABLE_ENTRIES;
    const power = 2 / p.n; // t^(2/n) = (r/re)^(1/n)
    for (let k = 0; k < table.length; k++) table[k] = ie * Math.exp(-b * ((k * step) ** power - 1));
    tableScale = 1 / step;
  }

  const cusp2 = CUSP_RADIUS_PX * CUSP_RADIUS_PX;
  for (let y = y0; y <= y1; y++) {
    const dy = y - p.y;
    let i = y * size + x0;
    for (let x = x0; x <= x1; x++, i++) {
      const dx = x - p.x;
      let value: number;
      if (dx * dx + dy * dy < cusp2) {
        value = 0;
        for (let sy = 0; sy < CUSP_SUBSAMPLES; sy++) {
          for (let sx = 0; sx < CUSP_SUBSAMPLES; sx++) {
            value += exact(dx + (sx + 0.5) / CUSP_SUBSAMPLES - 0.5, dy + (sy + 0.5) / CUSP_SUBSAMPLES - 0.5);
          }
        }
        value /= CUSP_SUBSAMPLES * CUSP_SUBSAMPLES;
      } else if (table) {
        const u = dx * cosA + dy * sinA;
        const v = (-dx * sinA + dy * cosA) * invQ;
        const rr = u * u + v * v;
        const t = Math.sqrt(Math.sqrt(rr * invRe2)) * tableScale;
        const k = t | 0;
        const frac = t - k;
        value = table[k] + (table[k + 1] - table[k]) * frac;
        if (arms) value *= armModulation(arms, u, v, rr, armWinding, armStart2, armMean);
      } else {
        value = exact(dx, dy);
      }
      g[i] += fg * value;
      r[i] += fr * value;
      z[i] += fz * value;
    }
  }
}

export interface BlobProfile extends Ellipse {
  /** Gaussian sigma along the major axis, pixels. */
  sigma: number;
}

/** Adds an elliptical Gaussian (a star-forming knot, a compact nucleus, a tidal-tail clump). */
export function paintBlob(image: CutoutImage, p: BlobProfile, fluxes: BandTriple): void {
  const { size } = image;
  const [g, r, z] = image.bands;
  if (p.sigma < 0.7) {
    // Narrower than a pixel: the seeing sets its shape, so deposit the flux bilinearly.
    splatPoint(image, p.x, p.y, fluxes);
    return;
  }
  const cosA = Math.cos(p.pa);
  const sinA = Math.sin(p.pa);
  const invQ = 1 / p.q;
  const inv2s2 = 1 / (2 * p.sigma * p.sigma);
  const norm = 1 / (2 * Math.PI * p.sigma * p.sigma * p.q);
  const reach = 4 * p.sigma;
  const x0 = Math.max(0, Math.floor(p.x - reach));
  const x1 = Math.min(size - 1, Math.ceil(p.x + reach));
  const y0 = Math.max(0, Math.floor(p.y - reach));
  const y1 = Math.min(size - 1, Math.ceil(p.y + reach));
  for (let y = y0; y <= y1; y++) {
    const dy = y - p.y;
    for (let x = x0; x <= x1; x++) {
      const dx = x - p.x;
      const u = dx * cosA + dy * sinA;
      const v = (-dx * sinA + dy * cosA) * invQ;
      const value = norm * Math.exp(-(u * u + v * v) * inv2s2);
      const i = y * size + x;
      g[i] += fluxes[0] * value;
      r[i] += fluxes[1] * value;
      z[i] += fluxes[2] * value;
    }
  }
}

/** Deposits a point flux on the four nearest pixels; flux off the frame is lost. */
export function splatPoint(image: CutoutImage, x: number, y: number, fluxes: BandTriple): void {
  const { size } = image;
  const ix = Math.floor(x);
  const iy = Math.floor(y);
  const fx = x - ix;
  const fy = y - iy;
  const corners: [number, number, number][] = [
    [ix, iy, (1 - fx) * (1 - fy)],
    [ix + 1, iy, fx * (1 - fy)],
    [ix, iy + 1, (1 - fx) * fy],
    [ix + 1, iy + 1, fx * fy],
  ];
  for (const [cx, cy, w] of corners) {
    if (cx < 0 || cy < 0 || cx >= size || cy >= size) continue;
    const i = cy * size + cx;
    for (let band = 0; band < 3; band++) image.bands[band][i] += fluxes[band] * w;
  }
}

/** An angular window on an arc: a von Mises bump centred on `angle` (radians). */
export interface ArcWindow {
  angle: number;
  /** Concentration: 0 gives a full ring, larger values shorter arcs (≈ 1/width²). */
  kappa: number;
  /** Relative weight of this window. */
  weight: number;
}

export interface ArcProfile extends Ellipse {
  /** Radius of the ridge along the major axis, pixels. */
  radius: number;
  /** Gaussian sigma across the ridge, pixels. */
  width: number;
  /** Absent: a full ring. */
  windows?: ArcWindow[];
  /** Shells: light falls off slowly inside the ridge and is cut sharply outside it. */
  sharpOuterEdge?: boolean;
}

/** Adds an arc, ring or shell whose total band fluxes are `fluxes` (normalised numerically). */
export function paintArc(image: CutoutImage, p: ArcProfile, fluxes: BandTriple): void {
  const { size } = image;
  const n = size * size;
  const shape = new Float32Array(n);
  const cosA = Math.cos(p.pa);
  const sinA = Math.sin(p.pa);
  const invQ = 1 / p.q;
  const inv2w2 = 1 / (2 * p.width * p.width);
  const reach = p.radius + 5 * p.width;
  const x0 = Math.max(0, Math.floor(p.x - reach));
  const x1 = Math.min(size - 1, Math.ceil(p.x + reach));
  const y0 = Math.max(0, Math.floor(p.y - reach));
  const y1 = Math.min(size - 1, Math.ceil(p.y + reach));
  let total = 0;
  for (let y = y0; y <= y1; y++) {
    const dy = y - p.y;
    for (let x = x0; x <= x1; x++) {
      const dx = x - p.x;
      const u = dx * cosA + dy * sinA;
      const v = (-dx * sinA + dy * cosA) * invQ;
      const d = Math.sqrt(u * u + v * v) - p.radius;
      let radial: number;
      if (p.sharpOuterEdge) radial = d > 0 ? Math.exp(-d * d * 4 * inv2w2) : Math.exp(d / (3 * p.width));
      else radial = Math.exp(-d * d * inv2w2);
      if (radial < 1e-4) continue;
      let angular = 1;
      if (p.windows) {
        const theta = Math.atan2(v, u);
        angular = 0;
        for (const w of p.windows) angular += w.weight * Math.exp(w.kappa * (Math.cos(theta - w.angle) - 1));
      }
      const value = radial * angular;
      shape[y * size + x] = value;
      total += value;
    }
  }
  if (total <= 0) return;
  // Normalised over the painted pixels: arcs sit well inside the frame by construction.
  for (let band = 0; band < 3; band++) {
    const plane = image.bands[band];
    const scale = fluxes[band] / total;
    if (scale === 0) continue;
    for (let i = 0; i < n; i++) if (shape[i] !== 0) plane[i] += shape[i] * scale;
  }
}
