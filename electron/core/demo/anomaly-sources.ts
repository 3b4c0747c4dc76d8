// Astrophysical anomalies: rare things that are really on the sky. Each builds the target's
// galaxy model in place of an ordinary one: a strong lens (thin blue arcs or an Einstein ring
// around an elliptical), a merger (two nuclei with tidal tails or shells), a ring galaxy, and
// extreme colours (a very blue compact source or a very red disk).
import { arcsecToPixels, type Colour } from './cutout-image.js';
import {
  drawColour,
  drawElliptical,
  drawLenticular,
  drawSpiral,
  COLOUR_RANGES,
  type GalaxyComponent,
  type GalaxyModel,
} from './galaxy-model.js';
import type { ArcWindow } from './profiles.js';
import type { Random } from './prng.js';

/** Signal-to-noise floor for astrophysical anomalies, so their signature is visible at all. */
export const ANOMALY_MIN_SNR = 120;

export function drawLens(rng: Random): GalaxyModel {
  const einsteinRadius = arcsecToPixels(rng.chance(0.25) ? rng.uniform(1, 1.8) : rng.uniform(1.8, 3));
  // A lens more compact than its Einstein radius, so the arcs stand clear of most of its
  // light, as in the lenses that searches of DECaLS recover.
  const lens = drawElliptical(rng, 1, einsteinRadius * rng.uniform(0.3, 0.6));
  const q = rng.uniform(0.75, 1);
  const pa = rng.uniform(0, Math.PI);
  const colour: Colour = { gr: rng.uniform(-0.05, 0.35), rz: rng.uniform(-0.1, 0.25) };
  const light = rng.uniform(0.25, 0.6);
  const width = rng.uniform(0.3, 0.6);
  const start = rng.uniform(0, 2 * Math.PI);
  const style = rng.weighted({ ring: 0.35, pair: 0.45, single: 0.2 });
  let windows: ArcWindow[] | undefined;
  const arcs: GalaxyComponent[] = [];
  if (style === 'ring') {
    // An Einstein ring is rarely uniform: brighter where the source sits nearest the caustic.
    windows = [
      { angle: start, kappa: 0, weight: rng.uniform(0.3, 0.6) },
      { angle: start, kappa: rng.uniform(0.8, 2), weight: 1 },
    ];
  } else if (style === 'pair') {
    windows = [
      { angle: start, kappa: rng.uniform(2, 6), weight: 1 },
      { angle: start + Math.PI + rng.gaussian(0, 0.3), kappa: rng.uniform(2, 8), weight: rng.uniform(0.3, 0.9) },
    ];
  } else {
    windows = [{ angle: start, kappa: rng.uniform(1.5, 4), weight: 1 }];
    // The faint counter-image on the far side, closer in.
    const counterRadius = einsteinRadius * rng.uniform(0.4, 0.7);
    arcs.push({
      kind: 'blob',
      dx: -counterRadius * Math.cos(start),
      dy: -counterRadius * Math.sin(start),
      sigma: 0.6,
      q: 1,
      pa: 0,
      light: light * rng.uniform(0.1, 0.25),
      colour,
    });
  }
  arcs.push({ kind: 'arc', dx: 0, dy: 0, q, pa, radius: einsteinRadius, width, windows, light, colour });
  return {
    ...lens,
    components: [...lens.components, ...arcs],
    extent: Math.max(lens.extent, einsteinRadius * 3),
    place: { kind: 'arc', dx: 0, dy: 0, radius: einsteinRadius, width, q, pa, windows },
  };
}

/** A chain of clumps curling away from (x, y): a tidal tail. */
function tidalTail(
  rng: Random,
  x: number,
  y: number,
  length: number,
  light: number,
  colour: Colour,
): GalaxyComponent[] {
  const clumps = rng.int(24, 40);
  const start = rng.uniform(0, 2 * Math.PI);
  const curl = rng.uniform(0.8, 2.2) * (rng.chance(0.5) ? 1 : -1);
  const r0 = rng.uniform(2, 5);
  const parts: GalaxyComponent[] = [];
  for (let k = 0; k < clumps; k++) {
    const t = k / (clumps - 1);
    const radius = r0 + t * length;
    const angle = start + curl * t;
    parts.push({
      kind: 'blob',
      dx: x + radius * Math.cos(angle) + rng.gaussian(0, 0.5),
      dy: y + radius * Math.sin(angle) + rng.gaussian(0, 0.5),
      sigma: rng.uniform(1.8, 3) * (1 + 0.8 * t),
      q: rng.uniform(0.5, 1),
      pa: angle + Math.PI / 2,
      // Tails fade with distance from their galaxy.
      light: ((light * 2) / clumps) * (1 - 0.8 * t),
      colour,
    });
  }
  return parts;
}

export function drawMerger(rng: Random): GalaxyModel {
  const primary = rng.chance(0.6)
    ? drawElliptical(rng, rng.uniform(0.6, 1))
    : drawLenticular(rng, rng.uniform(0.5, 0.8));
  const secondary = rng.chance(0.5)
    ? drawElliptical(rng, rng.uniform(0.4, 0.7))
    : drawSpiral(rng, rng.uniform(0.35, 0.6));
  const separation = arcsecToPixels(rng.uniform(2, 6));
  const angle = rng.uniform(0, 2 * Math.PI);
  const ratio = rng.uniform(0.3, 1);
  // The catalogue position is the primary's nucleus; the pair shares the light 1 : ratio.
  const share = 1 / (1 + ratio);
  const sx = separation * Math.cos(angle);
  const sy = separation * Math.sin(angle);
  const components: GalaxyComponent[] = [];
  for (const c of primary.components) components.push({ ...c, light: c.light * share });
  for (const c of secondary.components)
    components.push({ ...c, dx: c.dx + sx, dy: c.dy + sy, light: c.light * share * ratio });
  const tailColour = { gr: rng.uniform(0.4, 0.65), rz: rng.uniform(0.25, 0.4) };
  let reach = separation;
  if (rng.chance(0.6)) {
    const tails = rng.int(1, 2);
    for (let k = 0; k < tails; k++) {
      const length = arcsecToPixels(rng.uniform(5, 11));
      const from = k === 0 ? [0, 0] : [sx, sy];
      components.push(...tidalTail(rng, from[0], from[1], length, rng.uniform(0.25, 0.45), tailColour));
      reach = Math.max(reach, length + separation);
    }
  } else {
    // Shells: sharp-edged arcs on alternating sides, widening outward.
    const shells = rng.int(2, 4);
    const axis = rng.uniform(0, Math.PI);
    let radius = arcsecToPixels(rng.uniform(2.5, 4));
    for (let k = 0; k < shells; k++) {
      components.push({
        kind: 'arc',
        dx: 0,
        dy: 0,
        q: rng.uniform(0.8, 1),
        pa: axis,
        radius,
        width: rng.uniform(1, 2),
        windows: [{ angle: axis + (k % 2) * Math.PI, kappa: rng.uniform(1.5, 3), weight: 1 }],
        sharpOuterEdge: true,
        light: rng.uniform(0.08, 0.15),
        colour: drawColour(rng, COLOUR_RANGES.lenticularDisk),
      });
      reach = Math.max(reach, radius + separation);
      radius *= rng.uniform(1.3, 1.6);
    }
  }
  // The companion's half-light radius is the one its light area was built from (2π re² q).
  const [main] = secondary.components;
  const companionRe = Math.sqrt(secondary.lightArea / (2 * Math.PI * main.q));
  return {
    components,
    extent: Math.max(primary.extent, reach * 1.15),
    lightArea: primary.lightArea + secondary.lightArea,
    surfaceBrightness: primary.surfaceBrightness,
    place: { kind: 'companion', dx: sx, dy: sy, re: companionRe, q: main.q, pa: main.pa },
  };
}

export function drawRingGalaxy(rng: Random): GalaxyModel {
  const radius = arcsecToPixels(rng.uniform(3, 7));
  const q = rng.uniform(0.5, 1);
  const pa = rng.uniform(0, Math.PI);
  const ringColour = { gr: rng.uniform(0.15, 0.45), rz: rng.uniform(0.05, 0.3) };
  const ringLight = rng.uniform(0.55, 0.75);
  const knotCount = rng.int(6, 14);
  const knotLight = ringLight * 0.3;
  // Collisional rings are often off-centre from the nucleus that is left behind.
  const shift = radius * rng.uniform(0, 0.2);
  const shiftAngle = rng.uniform(0, 2 * Math.PI);
  const cx = shift * Math.cos(shiftAngle);
  const cy = shift * Math.sin(shiftAngle);
  const ringWidth = rng.uniform(0.8, 2);
  const components: GalaxyComponent[] = [
    {
      kind: 'arc',
      dx: cx,
      dy: cy,
      q,
      pa,
      radius,
      width: ringWidth,
      light: ringLight - knotLight,
      colour: ringColour,
    },
    {
      kind: 'sersic',
      dx: 0,
      dy: 0,
      n: rng.uniform(1.5, 3),
      re: arcsecToPixels(rng.uniform(0.5, 1)),
      q: rng.uniform(0.7, 1),
      pa,
      light: rng.uniform(0.12, 0.25),
      colour: drawColour(rng, COLOUR_RANGES.bulge),
    },
    { kind: 'sersic', dx: cx, dy: cy, n: 1, re: radius * 0.8, q, pa, light: 0.1, colour: ringColour },
  ];
  const cosA = Math.cos(pa);
  const sinA = Math.sin(pa);
  for (let k = 0; k < knotCount; k++) {
    const theta = rng.uniform(0, 2 * Math.PI);
    const u = radius * Math.cos(theta);
    const v = radius * Math.sin(theta) * q;
    components.push({
      kind: 'blob',
      dx: cx + u * cosA - v * sinA,
      dy: cy + u * sinA + v * cosA,
      sigma: rng.uniform(0.8, 1.6),
      q: 1,
      pa: 0,
      light: knotLight / knotCount,
      colour: drawColour(rng, COLOUR_RANGES.starFormingKnot),
    });
  }
  return {
    components,
    extent: radius * 1.8,
    lightArea: 2 * Math.PI * radius * 3,
    surfaceBrightness: rng.uniform(21, 22.5),
    place: { kind: 'arc', dx: cx, dy: cy, radius, width: ringWidth, q, pa },
  };
}

/** A compact star-forming dwarf far bluer than any ordinary galaxy here. */
export function drawBlueCompact(rng: Random): GalaxyModel {
  const re = arcsecToPixels(rng.uniform(0.3, 0.8));
  const q = rng.uniform(0.6, 1);
  return {
    components: [
      {
        kind: 'sersic',
        dx: 0,
        dy: 0,
        n: rng.uniform(0.8, 1.5),
        re,
        q,
        pa: rng.uniform(0, Math.PI),
        light: 1,
        colour: { gr: rng.uniform(-0.6, -0.25), rz: rng.uniform(-0.6, -0.3) },
      },
    ],
    extent: arcsecToPixels(6),
    lightArea: 2 * Math.PI * re * re * q,
    surfaceBrightness: rng.uniform(19, 21),
  };
}

/** A disk galaxy reddened far past any normal spiral (heavy dust or a high-redshift interloper). */
export function drawRedDisk(rng: Random): GalaxyModel {
  const model = drawSpiral(rng, rng.uniform(0.6, 1));
  const reddening = { gr: rng.uniform(1.1, 1.5), rz: rng.uniform(0.7, 1.0) };
  for (const c of model.components) c.colour = { gr: c.colour.gr + reddening.gr, rz: c.colour.rz + reddening.rz };
  return model;
}
