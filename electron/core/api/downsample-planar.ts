// Block-averaging planar float images down to a size limit for the inspector. NaN pixels
// are left out of their block's mean (a block of only NaN stays NaN).

export function downsamplePlanar(
  data: Float32Array,
  width: number,
  height: number,
  bands: number,
  maxSide: number,
): { width: number; height: number; data: Float32Array } {
  const factor = Math.ceil(Math.max(width, height) / maxSide);
  if (factor <= 1) return { width, height, data };
  const w = Math.floor(width / factor);
  const h = Math.floor(height / factor);
  const out = new Float32Array(w * h * bands);
  for (let b = 0; b < bands; b++) {
    const from = b * width * height;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        let sum = 0;
        let n = 0;
        for (let dy = 0; dy < factor; dy++) {
          const row = from + (y * factor + dy) * width + x * factor;
          for (let dx = 0; dx < factor; dx++) {
            const v = data[row + dx];
            if (!Number.isNaN(v)) {
              sum += v;
              n++;
            }
          }
        }
        out[b * w * h + y * w + x] = n ? sum / n : NaN;
      }
    }
  }
  return { width: w, height: h, data: out };
}
