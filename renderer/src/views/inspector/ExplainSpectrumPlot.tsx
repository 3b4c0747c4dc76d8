// The spectrum part of "Why odd?": the model input's flux with the model's reconstruction over
// it, the wavelength ranges that drive the score shaded (deeper for a larger share), and the
// ranges listed below, strongest first.
import type { ExplainSpectrum } from '../../../../electron/core/api/contract-explain.js';
import { explainSpectrumShapes } from './explain-spectrum-shapes.js';

const WIDTH = 320;
const HEIGHT = 120;

export function SpectrumDrivers({ spectrum }: { spectrum: ExplainSpectrum }) {
  const shapes = explainSpectrumShapes(spectrum, WIDTH, HEIGHT);
  const first = spectrum.wavelength[0];
  const last = spectrum.wavelength.at(-1);
  return (
    <div className="explain-drivers" data-testid="explain-drivers">
      <h4>Wavelengths that drive the score</h4>
      <figure className="explain-spectrum" data-testid="explain-spectrum-plot">
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          preserveAspectRatio="none"
          role="img"
          aria-label="The spectrum, its reconstruction, and the ranges that drive its score"
        >
          {shapes.drivers.map((band) => (
            <rect
              key={band.label}
              className="explain-driver-band"
              data-testid="explain-driver-band"
              x={band.x}
              y={0}
              width={band.width}
              height={HEIGHT}
              fillOpacity={0.15 + 0.5 * band.share}
            >
              <title>{band.label}</title>
            </rect>
          ))}
          {/* The reconstruction beneath, broader, so the flux drawn over it shows where they part. */}
          <path
            className="explain-spectrum-model"
            d={shapes.reconstruction}
            data-testid="explain-spectrum-reconstruction"
          />
          <path className="explain-spectrum-flux" d={shapes.flux} data-testid="explain-spectrum-flux" />
        </svg>
        <figcaption className="muted">
          <span className="explain-key-flux">flux</span>, <span className="explain-key-model">reconstruction</span>,
          shaded: what drives the score · {first?.toFixed(0)}–{last?.toFixed(0)} Å
        </figcaption>
      </figure>
      <ol>
        {shapes.drivers.map((band) => (
          <li key={band.label}>{band.label}</li>
        ))}
      </ol>
    </div>
  );
}
