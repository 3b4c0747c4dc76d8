// Turns one object's plan into g, r, z pixels, in the order light meets the camera: the
// target and its neighbouring galaxies on the sky, the seeing blur, stars (drawn with the
// same PSF), the coadd's noise, then anything the instrument adds. Everything is drawn from
// the object's own random stream, so a plan always renders to the same pixels.
import {
  ANOMALY_MIN_SNR,
  drawBlueCompact,
  drawLens,
  drawMerger,
  drawRedDisk,
  drawRingGalaxy,
} from './anomaly-sources.js';
import {
  addChipEdge,
  addCosmicRays,
  addSatelliteTrail,
  addSaturatedStar,
  corruptFrame,
  type ArtefactRecord,
} from './artefacts.js';
import {
  arcsecToPixels,
  colourToFluxes,
  createCutoutImage,
  magnitudeToNanomaggies,
  PIXEL_SCALE_ARCSEC,
  type CutoutImage,
} from './cutout-image.js';
import { isAstrophysical, type CutoutPlan } from './demo-types.js';
import {
  applyDustLane,
  drawNormalGalaxy,
  paintGalaxy,
  NORMAL_GALAXY_TYPES,
  type AnomalyPlace,
  type GalaxyModel,
  type NormalGalaxyType,
} from './galaxy-model.js';
import { paintSersic } from './profiles.js';
import { PsfConvolver } from './psf.js';
import { Random } from './prng.js';
import { addNoise, addSkyGradient, drawObservingConditions, type ObservingConditions } from './sky.js';
import { drawStarField, paintStar } from './stars.js';

export const MIN_CUTOUT_SIZE = 64;
export const MAX_CUTOUT_SIZE = 128;
const GOOD_SEEING: [number, number] = [1.0, 1.25];

export interface RenderedCutout extends CutoutImage {
  conditions: ObservingConditions;
  /** Target centre, 0-based pixel coordinates in FITS order (y up). */
  centre: { x: number; y: number };
  /** Target's total r-band flux, nanomaggies. */
  rFlux: number;
  /** What an instrumental anomaly did, for checking; absent for other objects. */
  artefact?: ArtefactRecord;
  /** Where an astrophysical anomaly's signature sits, offset from `centre`; absent when it has no place. */
  place?: AnomalyPlace;
}

function drawTargetModel(rng: Random, plan: CutoutPlan, sizeScale: number): GalaxyModel {
  switch (plan.anomaly) {
    case 'lens':
      return drawLens(rng);
    case 'merger':
      return drawMerger(rng);
    case 'ring':
      return drawRingGalaxy(rng);
    case 'extreme_colour':
      return plan.galaxyType === 'compact' ? drawBlueCompact(rng) : drawRedDisk(rng);
    default: {
      const type = (NORMAL_GALAXY_TYPES as readonly string[]).includes(plan.galaxyType)
        ? (plan.galaxyType as NormalGalaxyType)
        : 'elliptical';
      return drawNormalGalaxy(rng, type, sizeScale);
    }
  }
}

/** Frames the galaxy with some sky around it, on a grid of 8 px, within 64–128 px. */
function chooseCutoutSize(rng: Random, extent: number): number {
  const wanted = 2 * extent * rng.uniform(0.9, 1.2);
  return Math.min(MAX_CUTOUT_SIZE, Math.max(MIN_CUTOUT_SIZE, Math.round(wanted / 8) * 8));
}

/** Objects near the detection limit: this share gets S/N 10–40 whatever its size. */
const FAINT_SHARE = 0.1;
const MIN_SNR = 10;

/**
 * The target's r-band flux: from its surface brightness and size for most objects, from a low
 * signal-to-noise for faint ones, never under S/N 10, and bright enough for an astrophysical
 * anomaly's signature to show. S/N is over the seeing-broadened light area.
 */
function drawTargetFlux(
  rng: Random,
  plan: CutoutPlan,
  model: GalaxyModel,
  conditions: ObservingConditions,
  faint: boolean,
): number {
  const psfSigma = conditions.psfs[1].fwhm / 2.355;
  const noise = conditions.skySigma[1] * Math.sqrt(model.lightArea + 4 * Math.PI * psfSigma * psfSigma);
  const pixelArea = PIXEL_SCALE_ARCSEC * PIXEL_SCALE_ARCSEC;
  let flux = magnitudeToNanomaggies(model.surfaceBrightness) * pixelArea * model.lightArea;
  if (isAstrophysical(plan.anomaly)) flux = Math.max(flux, ANOMALY_MIN_SNR * rng.uniform(1, 3) * noise);
  else if (faint) flux = rng.logUniform(MIN_SNR, 40) * noise;
  return Math.max(flux, MIN_SNR * noise);
}

/** Smaller, fainter galaxies at random places: the field around any real target. */
function paintFieldGalaxies(image: CutoutImage, rng: Random, cx: number, cy: number, faintest: number): void {
  const { size } = image;
  const count = rng.poisson(2.5 * (size / 100) ** 2);
  for (let k = 0; k < count; k++) {
    let x = 0;
    let y = 0;
    for (let attempt = 0; attempt < 10; attempt++) {
      x = rng.uniform(0, size - 1);
      y = rng.uniform(0, size - 1);
      if (Math.hypot(x - cx, y - cy) > 10) break;
    }
    const re = arcsecToPixels(rng.logUniform(0.4, 2));
    const n = rng.uniform(0.8, 4);
    // Distant galaxies are fainter and, being redshifted, redder.
    const rMag = rng.uniform(19.5, 23.5);
    const redshiftReddening = (rMag - 19.5) * 0.15;
    const fluxes = colourToFluxes(magnitudeToNanomaggies(rMag), {
      gr: rng.uniform(0.3, 1.1) + redshiftReddening,
      rz: rng.uniform(0.2, 0.7) + redshiftReddening,
    });
    paintSersic(image, { x, y, n, re, q: rng.uniform(0.3, 1), pa: rng.uniform(0, Math.PI) }, fluxes, { faintest });
  }
}

/** A brighter neighbour now and then: a group member or a chance projection. */
function paintCompanion(
  image: CutoutImage,
  rng: Random,
  cx: number,
  cy: number,
  rFlux: number,
  faintest: number,
): void {
  const model = drawNormalGalaxy(rng, rng.pick(NORMAL_GALAXY_TYPES), rng.uniform(0.25, 0.55));
  const distance = rng.uniform(0.25, 0.45) * image.size;
  const angle = rng.uniform(0, 2 * Math.PI);
  const x = cx + distance * Math.cos(angle);
  const y = cy + distance * Math.sin(angle);
  paintGalaxy(image, model, x, y, rFlux * rng.logUniform(0.05, 0.4), { faintest });
  if (model.dust) applyDustLane(image, model.dust, x, y);
}

/** Holds buffers reused from one cutout to the next; one per thread. */
export class CutoutRenderer {
  private readonly convolver = new PsfConvolver();
  private noiseScratch = new Float32Array(MAX_CUTOUT_SIZE * MAX_CUTOUT_SIZE);

  render(plan: CutoutPlan): RenderedCutout {
    const rng = new Random(plan.seed);
    // Lenses are only recognisable in good seeing; lens searches find them there, so do we.
    const conditions = drawObservingConditions(rng, plan.anomaly === 'lens' ? GOOD_SEEING : undefined);
    // Faint targets are distant ones, so they are also small.
    const faint = !isAstrophysical(plan.anomaly) && rng.chance(FAINT_SHARE);
    const model = drawTargetModel(rng, plan, faint ? rng.uniform(0.25, 0.5) : 1);
    const size = chooseCutoutSize(rng, model.extent);
    const image = createCutoutImage(size);
    const centre = { x: (size - 1) / 2 + rng.uniform(-0.6, 0.6), y: (size - 1) / 2 + rng.uniform(-0.6, 0.6) };

    const rFlux = drawTargetFlux(rng, plan, model, conditions, faint);

    // Light far below the noise is not worth computing: stop at 1% of the quietest band's sigma.
    const faintest = 0.01 * Math.min(...conditions.skySigma);
    paintGalaxy(image, model, centre.x, centre.y, rFlux, { faintest });
    if (model.dust) applyDustLane(image, model.dust, centre.x, centre.y);
    if (rng.chance(0.12)) paintCompanion(image, rng, centre.x, centre.y, rFlux, faintest);
    paintFieldGalaxies(image, rng, centre.x, centre.y, faintest);

    for (let band = 0; band < 3; band++) this.convolver.convolve(image.bands[band], size, conditions.psfs[band]);
    for (const star of drawStarField(rng, size, centre.x, centre.y, conditions.starDensity))
      paintStar(image, conditions.psfs, star);
    addNoise(image, conditions, rng, this.noiseScratch);
    if (rng.chance(0.12)) addSkyGradient(image, conditions, rng);

    const rendered: RenderedCutout = { ...image, conditions, centre, rFlux };
    if (model.place) rendered.place = model.place;
    switch (plan.anomaly) {
      case 'satellite_trail':
        rendered.artefact = addSatelliteTrail(image, conditions, rng);
        break;
      case 'cosmic_ray':
        rendered.artefact = addCosmicRays(image, conditions, rng);
        break;
      case 'saturated_star':
        rendered.artefact = addSaturatedStar(image, conditions, rng);
        break;
      case 'chip_edge':
        rendered.artefact = addChipEdge(image, rng);
        break;
      case 'corrupt_frame':
        rendered.artefact = corruptFrame(image, conditions, plan.format, rng);
        break;
      default:
        break;
    }
    return rendered;
  }
}

let sharedRenderer: CutoutRenderer | undefined;

/** Renders one cutout with a renderer shared by the calling thread. */
export function renderCutout(plan: CutoutPlan): RenderedCutout {
  sharedRenderer ??= new CutoutRenderer();
  return sharedRenderer.render(plan);
}
