// The spectrum plot's SVG: a masked bin breaks both curves (the reconstruction is not drawn where
// the model saw no flux), the y range is that of what is drawn, and only the strongest driver and
// those of at least 5% are labelled, with their line.
import { describe, expect, it } from 'vitest';
import {
  SPECTRUM_PNG_SIZE,
  spectrumSvg,
} from '../../../../../electron/core/discovery/explain/spectrum/spectrum-png.js';

const paths = (svg: string) => [...svg.matchAll(/<path d="([^"]*)"/g)].map((m) => m[1]);

describe('spectrumSvg', () => {
  it('breaks both curves at a masked bin and scales to what is drawn', () => {
    const svg = spectrumSvg({
      wavelength: [4000, 5000, 6000, 7000, 8000],
      flux: [1, 2, NaN, 2, 3],
      // 100 at the masked bin: not drawn, so it does not squash the plot.
      reconstruction: [1, 2, 100, 2, 1],
      drivers: [],
    });
    const [reconstruction, flux] = paths(svg);
    for (const d of [reconstruction, flux]) expect(d.match(/M/g)).toHaveLength(2);
    const { width, height } = SPECTRUM_PNG_SIZE;
    // Flux 3 at 8000 Å is the top of the range, at the right edge of the plot.
    expect(flux.endsWith(`L${width - 10}.0 24.0`)).toBe(true);
    // Flux 1 at 4000 Å the bottom, at the left edge.
    expect(flux.startsWith(`M10.0 ${height - 24}.0`)).toBe(true);
  });

  it('labels the strongest driver and those of at least 5% with their line and share', () => {
    const svg = spectrumSvg({
      wavelength: [4000, 8000],
      flux: [1, 2],
      reconstruction: [1, 2],
      drivers: [
        { from: 6540, to: 6590, share: 0.62, line: 'Hα 6563' },
        { from: 5000, to: 5010, share: 0.2, line: null },
        { from: 4100, to: 4110, share: 0.01, line: 'Hδ 4103' },
      ],
    });
    const labels = [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(labels).toEqual(['Hα 6563 62%', '20%', '4000 Å', '8000 Å']);
    expect(svg.match(/<rect [^>]*fill="rgb\(255,214,140\)"/g)).toHaveLength(3);
  });
});
