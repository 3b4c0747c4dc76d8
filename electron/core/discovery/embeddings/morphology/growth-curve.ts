// Flux in circular apertures about a centre, from which the size and concentration features
// come: the Petrosian radius (where the surface brightness in a thin annulus falls to 0.2 of
// the mean inside), the total flux within 1.5 Petrosian radii (statmorph's choice), the radii
// enclosing 20/50/80 % of it, and mean surface brightness in any annulus. Pixels are binned
// by centre distance in quarter-pixel bins, and apertures interpolate linearly between bins.
// Near the centre a pixel's light is spread over 3×3 sub-pixels: with one sample per pixel,
// annuli under a pixel wide hold no pixel at all and compact sources have no growth curve.

/** Bin width in pixels: fine enough that r20 of a compact source is not one bin. */
const BIN_WIDTH = 0.25;
const PETROSIAN_ETA = 0.2;
/** The annulus that measures surface brightness at radius r (statmorph: 0.8r .. 1.25r). */
const ANNULUS_INNER = 0.8;
const ANNULUS_OUTER = 1.25;
/** Total flux is measured within this many Petrosian radii. */
const TOTAL_APERTURE = 1.5;
/** Pixels closer than this to the centre are sampled 3×3; farther out one sample is smooth enough. */
const SUPERSAMPLE_RADIUS = 6;

export class GrowthCurve {
  private readonly flux: Float64Array;
  private readonly count: Float64Array;
  /** Bins are accumulated in place, so edge e (radius e × BIN_WIDTH) is cumulative[e - 1]. */
  private bins = 0;
  /** Largest radius whose aperture lies wholly inside the frame. */
  maxRadius = 0;

  constructor(size: number) {
    const bins = Math.ceil((size * Math.SQRT2) / BIN_WIDTH) + 2;
    this.flux = new Float64Array(bins);
    this.count = new Float64Array(bins);
  }

  /**
   * Fills the curve from `image` about (cx, cy), and writes every pixel's centre distance to
   * `radius` for later ring and annulus sums. Non-finite pixels must already be zero.
   */
  measure(image: Float32Array, size: number, cx: number, cy: number, radius: Float32Array): void {
    this.maxRadius = Math.max(1, Math.min(cx, cy, size - 1 - cx, size - 1 - cy) + 0.5);
    this.bins = Math.ceil(this.maxRadius / BIN_WIDTH);
    const { flux, count } = this;
    flux.fill(0, 0, this.bins);
    count.fill(0, 0, this.bins);
    const inverseWidth = 1 / BIN_WIDTH;
    for (let y = 0; y < size; y++) {
      const dy2 = (y - cy) ** 2;
      for (let x = 0; x < size; x++) {
        const r = Math.sqrt((x - cx) ** 2 + dy2);
        const p = y * size + x;
        radius[p] = r;
        if (r < SUPERSAMPLE_RADIUS) {
          const share = image[p] / 9;
          for (let sy = -1; sy <= 1; sy++) {
            const dy = y + sy / 3 - cy;
            for (let sx = -1; sx <= 1; sx++) {
              const dx = x + sx / 3 - cx;
              const bin = Math.floor(Math.sqrt(dx * dx + dy * dy) * inverseWidth);
              if (bin < this.bins) {
                flux[bin] += share;
                count[bin] += 1 / 9;
              }
            }
          }
          continue;
        }
        const bin = Math.floor(r * inverseWidth);
        if (bin < this.bins) {
          flux[bin] += image[p];
          count[bin] += 1;
        }
      }
    }
    for (let b = 1; b < this.bins; b++) {
      flux[b] += flux[b - 1];
      count[b] += count[b - 1];
    }
  }

  private interpolate(cumulative: Float64Array, r: number): number {
    const edge = Math.min(this.bins, Math.max(0, r / BIN_WIDTH));
    const lower = Math.floor(edge);
    const below = lower === 0 ? 0 : cumulative[lower - 1];
    if (lower >= this.bins) return below;
    return below + (cumulative[lower] - below) * (edge - lower);
  }

  /** Flux within radius r (clamped to the frame). */
  fluxWithin(r: number): number {
    return this.interpolate(this.flux, r);
  }

  /** Pixels within radius r, interpolated like the flux. */
  pixelsWithin(r: number): number {
    return this.interpolate(this.count, r);
  }

  /** Mean surface brightness in the annulus [inner, outer); 0 when it holds no pixel. */
  annulusMean(inner: number, outer: number): number {
    const pixels = this.pixelsWithin(outer) - this.pixelsWithin(inner);
    return pixels > 1e-9 ? (this.fluxWithin(outer) - this.fluxWithin(inner)) / pixels : 0;
  }

  /**
   * The Petrosian radius: the first radius where η = (mean in 0.8r..1.25r) / (mean within r)
   * falls below 0.2. When it never does, the largest radius whose annulus fits in the frame.
   */
  petrosianRadius(): number {
    const largest = this.maxRadius / ANNULUS_OUTER;
    let previousR = 0;
    let previousEta = Infinity;
    for (let r = 1; r <= largest; r += BIN_WIDTH) {
      const inside = this.fluxWithin(r) / Math.max(1e-9, this.pixelsWithin(r));
      const eta = inside > 0 ? this.annulusMean(ANNULUS_INNER * r, ANNULUS_OUTER * r) / inside : 0;
      if (eta < PETROSIAN_ETA) {
        if (!Number.isFinite(previousEta)) return r;
        return previousR + ((previousEta - PETROSIAN_ETA) / (previousEta - eta)) * (r - previousR);
      }
      previousR = r;
      previousEta = eta;
    }
    return largest;
  }

  /** Radius of the total-flux aperture for a Petrosian radius, clamped to the frame. */
  totalRadius(petrosian: number): number {
    return Math.min(this.maxRadius, TOTAL_APERTURE * petrosian);
  }

  /** The first radius within which the flux reaches `target` (interpolated); `limit` when it never does. */
  radiusEnclosing(target: number, limit: number): number {
    if (!(target > 0)) return 0;
    const lastBin = Math.min(this.bins, Math.ceil(limit / BIN_WIDTH));
    let below = 0;
    for (let b = 0; b < lastBin; b++) {
      const at = this.flux[b];
      if (at >= target) {
        const fraction = at > below ? (target - below) / (at - below) : 1;
        return Math.min(limit, (b + Math.min(1, Math.max(0, fraction))) * BIN_WIDTH);
      }
      below = at;
    }
    return limit;
  }
}
