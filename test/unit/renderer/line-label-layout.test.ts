// Line labels above the spectrum: rows that do not overlap, doublets labelled once.
import { describe, expect, it } from 'vitest';
import { formatFluxUnit } from '../../../renderer/src/views/inspector/flux-unit.js';
import { labelWidth, layoutLineLabels } from '../../../renderer/src/views/inspector/line-label-layout.js';

describe('layoutLineLabels', () => {
  it('puts crowded labels in further rows, and leaves out what fits nowhere', () => {
    const labels = [0, 10, 20, 30].map((x, i) => ({ x: 100 + x, width: 30, text: `L${i}` }));
    const placed = layoutLineLabels(labels, 500, 3);
    expect(placed.map((p) => p.row)).toEqual([0, 1, 2, null]);
    const spaced = layoutLineLabels(
      [
        { x: 50, width: 30, text: 'a' },
        { x: 150, width: 30, text: 'b' },
      ],
      500,
      3,
    );
    expect(spaced.map((p) => p.row)).toEqual([0, 0]);
  });

  it('labels a doublet once when its members are close, twice when zoomed apart', () => {
    const w = labelWidth('[N II]');
    const close = layoutLineLabels(
      [
        { x: 100, width: w, text: '[N II]' },
        { x: 104, width: w, text: 'Hα' },
        { x: 108, width: w, text: '[N II]' },
      ],
      500,
    );
    expect(close.map((p) => p.row)).toEqual([0, 1, null]);
    const apart = layoutLineLabels(
      [
        { x: 50, width: w, text: '[N II]' },
        { x: 250, width: w, text: 'Hα' },
        { x: 450, width: w, text: '[N II]' },
      ],
      500,
    );
    expect(apart.map((p) => p.row)).toEqual([0, 0, 0]);
  });

  it('keeps labels inside the plot', () => {
    const [left, right] = layoutLineLabels(
      [
        { x: 2, width: 40, text: 'a' },
        { x: 498, width: 40, text: 'b' },
      ],
      500,
    );
    expect(left.left).toBe(0);
    expect(right.left).toBe(460);
  });
});

describe('formatFluxUnit', () => {
  it('writes the SDSS unit with superscripts and Å', () => {
    expect(formatFluxUnit('1E-17 erg/cm^2/s/Angstrom')).toBe('flux (10⁻¹⁷ erg/cm²/s/Å)');
    expect(formatFluxUnit(null)).toBe('flux');
    expect(formatFluxUnit('Jy')).toBe('flux (Jy)');
  });
});
