// A freehand polygon drawn over the map in lasso mode; reports its vertices in screen
// pixels relative to the map once the pointer is released.
import { useState, type PointerEvent } from 'react';

/** Vertices closer than this (px) to the previous one are skipped: a smaller, smoother polygon. */
const MIN_STEP_PX = 3;

export function LassoSelect({ active, onLasso }: { active: boolean; onLasso: (points: [number, number][]) => void }) {
  const [points, setPoints] = useState<[number, number][] | null>(null);
  if (!active) return null;
  const local = (e: PointerEvent<HTMLDivElement>): [number, number] => {
    const r = e.currentTarget.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  };
  return (
    <div
      className="box-select"
      data-testid="lasso-select"
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        setPoints([local(e)]);
      }}
      onPointerMove={(e) => {
        if (!points) return;
        const p = local(e);
        const last = points[points.length - 1];
        if (Math.hypot(p[0] - last[0], p[1] - last[1]) >= MIN_STEP_PX) setPoints([...points, p]);
      }}
      onPointerUp={() => {
        if (points && points.length >= 3) onLasso(points);
        setPoints(null);
      }}
    >
      {points && (
        <svg width="100%" height="100%" style={{ position: 'absolute', inset: 0, pointerEvents: 'none' }}>
          <polygon
            points={points.map((p) => p.join(',')).join(' ')}
            fill="rgba(255, 204, 85, 0.08)"
            stroke="#ffcc55"
            strokeDasharray="4 3"
          />
        </svg>
      )}
    </div>
  );
}
