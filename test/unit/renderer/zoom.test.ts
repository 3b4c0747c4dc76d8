import { describe, expect, it } from 'vitest';
import { ZOOM_STEPS, fitScale, stepZoom, wholeScale, zoomLabel } from '../../../renderer/src/views/inspector/zoom.js';

describe('pixel view zoom', () => {
  it('fits the whole image in the box, aspect kept', () => {
    expect(fitScale(424, 424, 335, 600)).toBeCloseTo(335 / 424);
    expect(fitScale(64, 40, 320, 600)).toBe(5);
    expect(fitScale(100, 400, 320, 200)).toBe(0.5);
    expect(fitScale(0, 10, 320, 200)).toBe(1);
  });

  it('steps from any scale to the neighbouring step, 1:1 included, and holds at the ends', () => {
    expect(stepZoom(335 / 424, 1)).toBe(1);
    expect(stepZoom(335 / 424, -1)).toBe(0.5);
    expect(stepZoom(1, 1)).toBe(2);
    expect(stepZoom(5, -1)).toBe(4);
    expect(stepZoom(ZOOM_STEPS.at(-1)!, 1)).toBe(ZOOM_STEPS.at(-1));
    expect(stepZoom(ZOOM_STEPS[0], -1)).toBe(ZOOM_STEPS[0]);
  });

  it('names the scale as screen pixels to image pixels', () => {
    expect(zoomLabel(1)).toBe('1:1');
    expect(zoomLabel(4)).toBe('4:1');
    expect(zoomLabel(0.25)).toBe('1:4');
  });

  it('enlarges by whole multiples only, and shrinks to fit', () => {
    expect(wholeScale(fitScale(424, 424, 900, 700))).toBe(1);
    expect(wholeScale(fitScale(64, 64, 900, 700))).toBe(10);
    expect(wholeScale(fitScale(1000, 500, 500, 700))).toBe(0.5);
  });
});
