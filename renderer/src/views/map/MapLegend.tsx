// What the map's colours mean: one swatch per category with its count, a colour bar with ticks
// in a catalog column's units, or the anomaly-score ramp with its two ends; and, below, the
// rings of the objects kept in sight at every zoom (map-marks.ts) that are drawn now. The
// labelled entry counts every labelled object on the map, as the top bar counts them (a labelled
// object drawn as selected is still labelled), not the rings drawn as "labelled".
import { useMemo } from 'react';
import { useAppState } from '../../state/app-store.js';
import type { Legend } from '../../state/colour-scale.js';
import { MISSING, RAMP } from '../../state/colour-scale.js';
import { COLOUR_BAR_CLIP } from '../../state/colour-bar.js';
import { MARK_KINDS, MARK_STYLES, type MarkKind } from './map-marks.js';

const css = (c: readonly number[]) => `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
const RAMP_GRADIENT = `linear-gradient(90deg, ${RAMP.map(css).join(', ')})`;
const CLIP_PERCENT = Math.round(100 * COLOUR_BAR_CLIP);

function LegendBody({ legend }: { legend: Legend }) {
  if (legend.kind === 'ramp') {
    return (
      <div className="legend-ramp">
        <span>{legend.low}</span>
        <span className="ramp-bar" style={{ background: RAMP_GRADIENT }} />
        <span>{legend.high}</span>
      </div>
    );
  }
  if (legend.kind === 'colourbar') {
    return (
      <div className="legend-colourbar" data-testid="legend-colourbar">
        <span className="colourbar" style={{ background: RAMP_GRADIENT }} />
        <div className="colourbar-ticks">
          {legend.ticks.map((t) => (
            <span key={t.label} className="colourbar-tick" style={{ left: `${100 * t.at}%` }}>
              {t.label}
            </span>
          ))}
        </div>
        {legend.clipped && (
          <div className="legend-note">
            ends at the {CLIP_PERCENT}% and {100 - CLIP_PERCENT}% quantiles; values beyond take the end colours
          </div>
        )}
        {legend.missing > 0 && (
          <div className="legend-entry">
            <span className="swatch" style={{ background: css(MISSING) }} />
            <span className="legend-name">missing</span>
            <span className="legend-count">{legend.missing.toLocaleString('en-US')}</span>
          </div>
        )}
      </div>
    );
  }
  return (
    <>
      {legend.entries.map((e) => (
        <div key={e.name} className="legend-entry" data-count={e.count}>
          <span className="swatch" style={{ background: css(e.colour) }} />
          <span className="legend-name">{e.name}</span>
          <span className="legend-count">{e.count.toLocaleString('en-US')}</span>
        </div>
      ))}
    </>
  );
}

/** Rows with a label (code 0: none; a relevance alone is no label). */
function labelledRows(codes: Uint8Array): number {
  let n = 0;
  for (const code of codes) if (code !== 0) n++;
  return n;
}

export function MapLegend({ legend, marks }: { legend: Legend; marks: Record<MarkKind, number> | null }) {
  const labels = useAppState((s) => s.labels);
  const labelledInAll = useAppState((s) => s.status?.labels ?? null);
  const labelledOnMap = useMemo(() => (labels ? labelledRows(labels.codes) : 0), [labels]);
  const count = (kind: MarkKind) => (kind === 'labelled' ? labelledOnMap : marks![kind]);
  // Most important first, as a reader scans it.
  const shown = marks ? [...MARK_KINDS].reverse().filter((kind) => count(kind) > 0) : [];
  const labelledText =
    labelledInAll === null || labelledInAll === labelledOnMap
      ? `${labelledOnMap}`
      : `${labelledOnMap} on this map, ${labelledInAll} in all`;
  return (
    <div className="legend" data-testid="legend" data-kind={legend.kind}>
      <div className="legend-title">{legend.title}</div>
      <LegendBody legend={legend} />
      {shown.length > 0 && (
        <div className="legend-marks" data-testid="legend-marks">
          {shown.map((kind) => (
            <div key={kind} className="legend-mark" data-mark={kind} data-count={count(kind)}>
              <span
                className={MARK_STYLES[kind].hollow ? 'ring hollow' : 'ring'}
                style={{ borderColor: css(MARK_STYLES[kind].line) }}
              />
              {MARK_STYLES[kind].legend} ({kind === 'labelled' ? labelledText : count(kind)})
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
