// The pixel view's zoom: 'fit' (the whole image in the panel, aspect kept) or a scale in screen
// pixels per image pixel, stepped through a fixed list so 1:1 and whole multiples are always
// reachable (a whole multiple shows each pixel as a square block).
export type Zoom = 'fit' | number;

export const ZOOM_STEPS = [0.125, 0.25, 0.5, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32];

/** The largest scale at which a width × height image fits the box (never 0). */
export function fitScale(width: number, height: number, boxWidth: number, boxHeight: number): number {
  if (width <= 0 || height <= 0 || boxWidth <= 0 || boxHeight <= 0) return 1;
  return Math.min(boxWidth / width, boxHeight / height);
}

/** The next step above (direction 1) or below (-1) the scale shown now; the ends of the list hold. */
export function stepZoom(scale: number, direction: 1 | -1): number {
  if (direction > 0) return ZOOM_STEPS.find((s) => s > scale * 1.001) ?? ZOOM_STEPS[ZOOM_STEPS.length - 1];
  return ZOOM_STEPS.findLast((s) => s < scale * 0.999) ?? ZOOM_STEPS[0];
}

export function zoomLabel(scale: number): string {
  return scale >= 1 ? `${Number(scale.toFixed(2))}:1` : `1:${Number((1 / scale).toFixed(2))}`;
}

/** A whole multiple when the image fits enlarged (square pixels, never blurred), else the fitted shrink. */
export function wholeScale(fitted: number): number {
  return fitted >= 1 ? Math.floor(fitted) : fitted;
}
