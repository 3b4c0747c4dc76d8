// Flux-weighted first and second moments over the main segment: the centroid (where the
// total second moment, and so M20's normalisation, is smallest) and the ellipticity
// 1 − b/a, with a and b the square roots of the eigenvalues of the second-moment matrix.
// Negative (noise) pixels get no weight, so they cannot make the matrix indefinite.

export interface ShapeMoments {
  centroidX: number;
  centroidY: number;
  /** 1 − b/a in [0, 1]; 0 for a round source and when there is no positive flux. */
  ellipticity: number;
}

export function shapeMoments(image: Float32Array, size: number, pixels: Int32Array, count: number): ShapeMoments {
  let weight = 0;
  let sumX = 0;
  let sumY = 0;
  for (let i = 0; i < count; i++) {
    const p = pixels[i];
    const w = image[p];
    if (!(w > 0)) continue;
    const x = p % size;
    weight += w;
    sumX += w * x;
    sumY += w * ((p - x) / size);
  }
  if (!(weight > 0)) return { centroidX: (size - 1) / 2, centroidY: (size - 1) / 2, ellipticity: 0 };
  const cx = sumX / weight;
  const cy = sumY / weight;
  let xx = 0;
  let yy = 0;
  let xy = 0;
  for (let i = 0; i < count; i++) {
    const p = pixels[i];
    const w = image[p];
    if (!(w > 0)) continue;
    const x = p % size;
    const dx = x - cx;
    const dy = (p - x) / size - cy;
    xx += w * dx * dx;
    yy += w * dy * dy;
    xy += w * dx * dy;
  }
  const half = (xx + yy) / 2;
  const root = Math.sqrt(((xx - yy) / 2) ** 2 + xy * xy);
  const major = half + root;
  const minor = Math.max(0, half - root);
  const ellipticity = major > 0 ? 1 - Math.sqrt(minor / major) : 0;
  return { centroidX: cx, centroidY: cy, ellipticity };
}
