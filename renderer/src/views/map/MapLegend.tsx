// What the map's colours mean: a ramp with its two ends, or one swatch per category; and,
// below, the rings of the objects kept in sight at every zoom (map-marks.ts) that are drawn now.
import type { Legend } from '../../state/colour-scale.js';
import { MARK_KINDS, MARK_STYLES, type MarkKind } from './map-marks.js';

const css = (c: readonly number[]) => `rgb(${c[0]}, ${c[1]}, ${c[2]})`;

export function MapLegend({ legend, marks }: { legend: Legend; marks: Record<MarkKind, number> | null }) {
  // Most important first, as a reader scans it.
  const shown = marks ? [...MARK_KINDS].reverse().filter((kind) => marks[kind] > 0) : [];
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
      {shown.length > 0 && (
        <div className="legend-marks" data-testid="legend-marks">
          {shown.map((kind) => (
            <div key={kind} className="legend-mark" data-mark={kind}>
              <span
                className={MARK_STYLES[kind].hollow ? 'ring hollow' : 'ring'}
                style={{ borderColor: css(MARK_STYLES[kind].line) }}
              />
              {MARK_STYLES[kind].legend} ({marks![kind]})
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
