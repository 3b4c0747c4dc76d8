// What the map's colours mean: a ramp with its two ends, or one swatch per category.
import type { Legend } from '../state/colour-scale.js';

const css = (c: [number, number, number]) => `rgb(${c[0]}, ${c[1]}, ${c[2]})`;

export function MapLegend({ legend }: { legend: Legend }) {
  return (
    <div className="legend" data-testid="legend">
      <div className="legend-title">{legend.title}</div>
      {legend.kind === 'ramp' ? (
        <div className="legend-ramp">
          <span>{legend.entries[0].name}</span>
          <span className="ramp-bar" />
          <span>{legend.entries[1].name}</span>
        </div>
      ) : (
        legend.entries.map((e) => (
          <div key={e.name} className="legend-entry">
            <span className="swatch" style={{ background: css(e.colour) }} />
            {e.name}
          </div>
        ))
      )}
    </div>
  );
}
