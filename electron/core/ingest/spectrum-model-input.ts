// The model input of a spectrum: the resampled flux on the common grid (spectrum-grid.ts),
// divided by the median |flux| of its good bins, beside a 0/1 good-bin mask, interleaved as
// [length, 2] (width × channels, as tfjs conv1d takes it). Why a mask and not ivar weights:
// ivar carries the flux units and the S/N, spans orders of magnitude between objects and can
// overflow float16 once scaled; a mask is unit-free, survives float16 exactly, and is what a
// masked reconstruction loss or a "fill the gaps" augmentation needs. Bad bins hold 0 flux,
// so a model that ignores the mask still sees a neutral value there.
import { medianInPlace } from '../util/order-statistics.js';
import type { ResampledSpectrum } from './spectrum-grid.js';

/** Channels per grid bin: 0 = normalised flux, 1 = good (1) or bad (0). */
export const SPECTRUM_CHANNELS = 2;
/**
 * The largest |normalised flux| stored: float16 ends at 65,504, and a spike 10^4 times the median flux is off any
 * useful scale already.
 */
const CLIP = 1e4;

/** Median |flux| of the good bins, or 1 when there are none or it is 0 (a blank spectrum). */
export function spectrumScale(resampled: ResampledSpectrum): number {
  const values = new Float64Array(resampled.flux.length);
  let n = 0;
  for (let k = 0; k < resampled.flux.length; k++) if (resampled.good[k]) values[n++] = Math.abs(resampled.flux[k]);
  if (n === 0) return 1;
  const median = medianInPlace(values, n);
  return median > 0 ? median : 1;
}

/** Number of good bins: 0 means the spectrum has nothing on the grid. */
export function goodBins(resampled: ResampledSpectrum): number {
  let n = 0;
  for (let k = 0; k < resampled.good.length; k++) n += resampled.good[k];
  return n;
}

/** [length, 2] float32: normalised flux (0 in bad bins), then the good mask, per bin. */
export function spectrumModelInput(resampled: ResampledSpectrum): Float32Array {
  const length = resampled.flux.length;
  const scale = spectrumScale(resampled);
  const out = new Float32Array(length * SPECTRUM_CHANNELS);
  for (let k = 0; k < length; k++) {
    if (!resampled.good[k]) continue;
    const v = resampled.flux[k] / scale;
    out[k * SPECTRUM_CHANNELS] = v > CLIP ? CLIP : v < -CLIP ? -CLIP : v;
    out[k * SPECTRUM_CHANNELS + 1] = 1;
  }
  return out;
}
