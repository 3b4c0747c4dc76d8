// Galaxies as lists of components (Sérsic bulges and disks, bars, spiral arms, knots, arcs),
// drawn at random from per-type recipes (sizes, profiles and colours in ranges typical of
// each type). A model is drawn first and painted later, so the cutout size can follow the galaxy's size
// and the brightness its signal-to-noise. Light is given as fractions of the galaxy's r-band
// flux, with a colour per component: that is how bulges come out redder than their disks.
import { arcsecToPixels, colourToFluxes, type CutoutImage, type Colour } from './cutout-image.js';
import { paintArc, paintBlob, paintSersic, type ArcWindow, type PaintLimits, type SpiralArms } from './profiles.js';
import type { Random } from './prng.js';

export const NORMAL_GALAXY_TYPES = ['elliptical', 'lenticular', 'spiral', 'barred', 'edge-on'] as const;
export type NormalGalaxyType = (typeof NORMAL_GALAXY_TYPES)[number];

interface Placed {
  /** Offset from the galaxy centre, pixels. */
  dx: number;
  dy: number;
  q: number;
  pa: number;
  /** Share of the galaxy's r-band flux. */
  light: number;
  colour: Colour;
}

export type GalaxyComponent =
  | (Placed & { kind: 'sersic'; n: number; re: number; arms?: SpiralArms })
  | (Placed & { kind: 'blob'; sigma: number })
  | (Placed & { kind: 'arc'; radius: number; width: number; windows?: ArcWindow[]; sharpOuterEdge?: boolean });

/** A dust lane across the midplane of a (nearly) edge-on disk; absorbs blue light most. */
export interface DustLane {
  pa: number;
  /** Offset of the lane from the midplane (px), for disks not exactly edge-on. */
  offset: number;
  /** Gaussian half-thickness of the lane, pixels. */
  width: number;
  /** Half-length along the major axis (px) over which the lane fades out. */
  length: number;
  /** Fraction of light removed at the lane's centre, per band (g, r, z). */
  depth: [number, number, number];
}

/**
 * Where an astrophysical anomaly's signature sits, offset from the galaxy centre (pixels),
 * for the truth table: a merger's companion (its half-light ellipse) or a lens' arcs and a
 * ring galaxy's ring (the arc component as painted).
 */
export type AnomalyPlace =
  | { kind: 'companion'; dx: number; dy: number; re: number; q: number; pa: number }
  | {
      kind: 'arc';
      dx: number;
      dy: number;
      radius: number;
      width: number;
      q: number;
      pa: number;
      windows?: ArcWindow[];
    };

export interface GalaxyModel {
  components: GalaxyComponent[];
  /** Set only by the anomaly sources whose signature has a place of its own. */
  place?: AnomalyPlace;
  dust?: DustLane;
  /** Radius (px) that holds the visible galaxy: frames the cutout. */
  extent: number;
  /** Twice the area (px²) inside the half-light ellipse: total flux = mean surface brightness × this. */
  lightArea: number;
  /** Mean r-band surface brightness inside the half-light radius, mag/arcsec². */
  surfaceBrightness: number;
}

const DEG = Math.PI / 180;

/** g−r and r−z colour ranges: red ellipticals and bulges, bluer disks, bluest knots. */
export const COLOUR_RANGES = {
  elliptical: { gr: [0.7, 0.9], rz: [0.4, 0.5] },
  bulge: { gr: [0.68, 0.88], rz: [0.38, 0.5] },
  lenticularDisk: { gr: [0.58, 0.75], rz: [0.33, 0.45] },
  spiralDisk: { gr: [0.3, 0.55], rz: [0.18, 0.38] },
  starFormingKnot: { gr: [-0.05, 0.25], rz: [-0.05, 0.2] },
} as const;

export function drawColour(rng: Random, range: { gr: readonly number[]; rz: readonly number[] }): Colour {
  return { gr: rng.uniform(range.gr[0], range.gr[1]), rz: rng.uniform(range.rz[0], range.rz[1]) };
}

function sersic(n: number, re: number, q: number, pa: number, light: number, colour: Colour): GalaxyComponent {
  return { kind: 'sersic', dx: 0, dy: 0, n, re, q, pa, light, colour };
}

function area(re: number, q: number): number {
  return 2 * Math.PI * re * re * q;
}

/**
 * Mean r-band surface brightness inside r_e (mag/arcsec²) by type: big galaxies are bright
 * galaxies, so brightness follows size rather than being drawn apart from it.
 */
export const SURFACE_BRIGHTNESS_RANGES: Record<NormalGalaxyType, [number, number]> = {
  elliptical: [19.3, 21.8],
  lenticular: [19.8, 22],
  spiral: [20.5, 22.6],
  barred: [20.5, 22.4],
  'edge-on': [19.5, 21.6],
};

function drawSurfaceBrightness(rng: Random, type: NormalGalaxyType): number {
  const [bright, faint] = SURFACE_BRIGHTNESS_RANGES[type];
  return rng.uniform(bright, faint);
}

/** `fixedRe` (pixels), when given, replaces the drawn effective radius. */
export function drawElliptical(rng: Random, sizeScale = 1, fixedRe?: number): GalaxyModel {
  const drawnRe = arcsecToPixels(rng.logUniform(1, 6) * sizeScale);
  const re = fixedRe ?? drawnRe;
  const n = rng.uniform(3, 5);
  const q = rng.chance(0.15) ? rng.uniform(0.35, 0.5) : rng.uniform(0.5, 1);
  const pa = rng.uniform(0, Math.PI);
  const colour = drawColour(rng, COLOUR_RANGES.elliptical);
  // A mild inward reddening (metallicity gradient): a redder, tighter inner part.
  const inner = { gr: colour.gr + rng.uniform(0.03, 0.1), rz: colour.rz + rng.uniform(0.01, 0.04) };
  return {
    components: [sersic(n, re * 1.12, q, pa, 0.75, colour), sersic(n, re * 0.45, q, pa, 0.25, inner)],
    extent: re * (2.2 + 0.25 * n),
    lightArea: area(re, q),
    surfaceBrightness: drawSurfaceBrightness(rng, 'elliptical'),
  };
}

/** Bulge plus disk: the shared skeleton of lenticulars and spirals. */
function drawBulgeAndDisk(rng: Random, reDisk: number, q: number, bulgeShare: number, diskColour: Colour) {
  const pa = rng.uniform(0, Math.PI);
  const reBulge = Math.max(arcsecToPixels(0.6), reDisk * rng.uniform(0.1, 0.25));
  const bulgeQ = Math.max(q, rng.uniform(0.6, 0.95));
  return {
    pa,
    components: [
      sersic(rng.uniform(0.8, 1.2), reDisk, q, pa, 1 - bulgeShare, diskColour),
      sersic(rng.uniform(1.5, 4), reBulge, bulgeQ, pa, bulgeShare, drawColour(rng, COLOUR_RANGES.bulge)),
    ] as GalaxyComponent[],
  };
}

export function drawLenticular(rng: Random, sizeScale = 1): GalaxyModel {
  const reDisk = arcsecToPixels(rng.logUniform(2.2, 7) * sizeScale);
  const q = rng.uniform(0.25, 0.9);
  const { components } = drawBulgeAndDisk(
    rng,
    reDisk,
    q,
    rng.uniform(0.35, 0.65),
    drawColour(rng, COLOUR_RANGES.lenticularDisk),
  );
  return {
    components,
    extent: reDisk * 2.6,
    lightArea: area(reDisk, q),
    surfaceBrightness: drawSurfaceBrightness(rng, 'lenticular'),
  };
}

/** Star-forming knots scattered along the arm ridges; they make arms look clumpy and blue. */
function armKnots(
  rng: Random,
  arms: SpiralArms,
  reDisk: number,
  q: number,
  pa: number,
  light: number,
  scatter = 0.12,
): GalaxyComponent[] {
  const count = rng.int(8, 36);
  const knots: GalaxyComponent[] = [];
  const cosA = Math.cos(pa);
  const sinA = Math.sin(pa);
  const tanPitch = Math.tan(arms.pitch);
  for (let k = 0; k < count; k++) {
    const radius = arms.startRadius + rng.uniform(0, 2.2 * reDisk);
    const arm = rng.int(0, arms.count - 1);
    const theta =
      arms.phase +
      (2 * Math.PI * arm) / arms.count +
      (arms.chirality * Math.log(radius / arms.startRadius)) / tanPitch +
      rng.gaussian(0, scatter);
    // Disk plane → sky: squash the minor axis by q, then rotate by the position angle.
    const u = radius * Math.cos(theta);
    const v = radius * Math.sin(theta) * q;
    knots.push({
      kind: 'blob',
      dx: u * cosA - v * sinA,
      dy: u * sinA + v * cosA,
      sigma: rng.uniform(0.5, 1.6),
      q: rng.uniform(0.6, 1),
      pa: rng.uniform(0, Math.PI),
      light: (light / count) * rng.logUniform(0.4, 2.5),
      colour: drawColour(rng, COLOUR_RANGES.starFormingKnot),
    });
  }
  return knots;
}

function drawArms(rng: Random, startRadius: number, phase: number): SpiralArms {
  return {
    count: Number(rng.weighted({ 2: 0.65, 3: 0.2, 4: 0.15 })),
    pitch: rng.uniform(10, 30) * DEG,
    phase,
    chirality: rng.chance(0.5) ? 1 : -1,
    amplitude: rng.uniform(0.55, 0.95),
    sharpness: rng.int(2, 4),
    startRadius,
  };
}

export function drawSpiral(rng: Random, sizeScale = 1, diskColour?: Colour): GalaxyModel {
  const reDisk = arcsecToPixels(rng.logUniform(3.5, 10) * sizeScale);
  const q = rng.uniform(0.35, 1);
  const colour = diskColour ?? drawColour(rng, COLOUR_RANGES.spiralDisk);
  const { pa, components } = drawBulgeAndDisk(rng, reDisk, q, rng.uniform(0.03, 0.35), colour);
  const arms = drawArms(
    rng,
    Math.max(arcsecToPixels(1.2), reDisk * rng.uniform(0.2, 0.4)),
    rng.uniform(0, 2 * Math.PI),
  );
  // A quarter are flocculent: weak, broad, many-armed patterns broken up by scattered knots.
  const flocculent = rng.chance(0.25);
  if (flocculent) {
    arms.count = rng.int(3, 4);
    arms.amplitude = rng.uniform(0.25, 0.5);
    arms.sharpness = rng.int(1, 2);
  }
  const disk = components[0];
  if (disk.kind === 'sersic') disk.arms = arms;
  const knotLight = flocculent ? rng.uniform(0.06, 0.14) : rng.uniform(0.06, 0.18);
  disk.light -= knotLight;
  components.push(...armKnots(rng, arms, reDisk, q, pa, knotLight, flocculent ? 0.6 : 0.12));
  return {
    components,
    extent: reDisk * 2.6,
    lightArea: area(reDisk, q),
    surfaceBrightness: drawSurfaceBrightness(rng, 'spiral'),
  };
}

export function drawBarred(rng: Random, sizeScale = 1): GalaxyModel {
  const reDisk = arcsecToPixels(rng.logUniform(3.5, 9) * sizeScale);
  const q = rng.uniform(0.5, 1);
  const colour = drawColour(rng, COLOUR_RANGES.spiralDisk);
  const { pa, components } = drawBulgeAndDisk(rng, reDisk, q, rng.uniform(0.05, 0.3), colour);
  // The bar lies in the disk plane at angle barAngle; project its axis onto the sky.
  const barHalfLength = reDisk * rng.uniform(0.5, 1);
  const barAngle = rng.uniform(0, Math.PI);
  const u = Math.cos(barAngle);
  const v = Math.sin(barAngle) * q;
  const barLight = rng.uniform(0.1, 0.25);
  components.push({
    kind: 'sersic',
    dx: 0,
    dy: 0,
    n: rng.uniform(0.4, 0.7),
    re: barHalfLength * Math.hypot(u, v) * 0.7,
    q: rng.uniform(0.2, 0.35),
    pa: pa + Math.atan2(v, u),
    light: barLight,
    colour: { gr: rng.uniform(0.6, 0.75), rz: rng.uniform(0.33, 0.45) },
  });
  components[0].light -= barLight;
  const disk = components[0];
  // Arms leave from the bar's ends; a quarter of barred galaxies have only faint arms.
  const arms = drawArms(rng, barHalfLength, barAngle);
  arms.count = 2;
  if (rng.chance(0.25)) arms.amplitude = rng.uniform(0.25, 0.45);
  if (disk.kind === 'sersic') disk.arms = arms;
  const knotLight = rng.uniform(0.04, 0.12);
  disk.light -= knotLight;
  components.push(...armKnots(rng, arms, reDisk, q, pa, knotLight));
  return {
    components,
    extent: reDisk * 2.6,
    lightArea: area(reDisk, q),
    surfaceBrightness: drawSurfaceBrightness(rng, 'barred'),
  };
}

export function drawEdgeOn(rng: Random, sizeScale = 1): GalaxyModel {
  const reDisk = arcsecToPixels(rng.logUniform(3, 10) * sizeScale);
  const q = rng.uniform(0.07, 0.18);
  const pa = rng.uniform(0, Math.PI);
  const bulgeShare = rng.chance(0.4) ? rng.uniform(0, 0.05) : rng.uniform(0.05, 0.3);
  const components: GalaxyComponent[] = [
    sersic(rng.uniform(0.7, 1.1), reDisk, q, pa, 1 - bulgeShare, {
      gr: rng.uniform(0.45, 0.7),
      rz: rng.uniform(0.3, 0.45),
    }),
    sersic(
      rng.uniform(1, 3),
      reDisk * rng.uniform(0.12, 0.22),
      rng.uniform(0.55, 0.85),
      pa,
      bulgeShare,
      drawColour(rng, COLOUR_RANGES.bulge),
    ),
  ];
  const model: GalaxyModel = {
    components,
    extent: reDisk * 2.6,
    lightArea: area(reDisk, q),
    surfaceBrightness: drawSurfaceBrightness(rng, 'edge-on'),
  };
  if (rng.chance(0.65)) {
    const minor = reDisk * q;
    const depthG = rng.uniform(0.5, 0.9);
    model.dust = {
      pa,
      offset: rng.uniform(-0.35, 0.35) * minor,
      width: Math.max(0.8, rng.uniform(0.25, 0.45) * minor),
      length: reDisk * rng.uniform(1.2, 2),
      depth: [depthG, depthG * rng.uniform(0.65, 0.8), depthG * rng.uniform(0.35, 0.5)],
    };
  }
  return model;
}

export function drawNormalGalaxy(rng: Random, type: NormalGalaxyType, sizeScale = 1): GalaxyModel {
  switch (type) {
    case 'elliptical':
      return drawElliptical(rng, sizeScale);
    case 'lenticular':
      return drawLenticular(rng, sizeScale);
    case 'spiral':
      return drawSpiral(rng, sizeScale);
    case 'barred':
      return drawBarred(rng, sizeScale);
    case 'edge-on':
      return drawEdgeOn(rng, sizeScale);
  }
}

/** Paints `model` centred at (x, y) with total r-band flux `rFlux` (nanomaggies). */
export function paintGalaxy(
  image: CutoutImage,
  model: GalaxyModel,
  x: number,
  y: number,
  rFlux: number,
  limits: PaintLimits = {},
): void {
  for (const c of model.components) {
    const fluxes = colourToFluxes(rFlux * c.light, c.colour);
    const at = { x: x + c.dx, y: y + c.dy, q: c.q, pa: c.pa };
    if (c.kind === 'sersic') paintSersic(image, { ...at, n: c.n, re: c.re, arms: c.arms }, fluxes, limits);
    else if (c.kind === 'blob') paintBlob(image, { ...at, sigma: c.sigma }, fluxes);
    else
      paintArc(
        image,
        { ...at, radius: c.radius, width: c.width, windows: c.windows, sharpOuterEdge: c.sharpOuterEdge },
        fluxes,
      );
  }
}

/** Dims light along the lane; call right after painting the galaxy, before anything else. */
export function applyDustLane(image: CutoutImage, lane: DustLane, x: number, y: number): void {
  const { size } = image;
  const cosA = Math.cos(lane.pa);
  const sinA = Math.sin(lane.pa);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const dx = px - x;
      const dy = py - y;
      const along = dx * cosA + dy * sinA;
      const across = -dx * sinA + dy * cosA - lane.offset;
      const strength =
        Math.exp(-(across * across) / (2 * lane.width * lane.width)) * Math.exp(-((along / lane.length) ** 4));
      if (strength < 1e-3) continue;
      const i = py * size + px;
      for (let band = 0; band < 3; band++) image.bands[band][i] *= 1 - lane.depth[band] * strength;
    }
  }
}
