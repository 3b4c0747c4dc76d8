// A rectangle drawn over the map in box mode (or while Shift is held); reports it in
// screen pixels relative to the map.
import { useEffect, useState, type PointerEvent } from 'react';

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export function BoxSelect({ active, onBox }: { active: boolean; onBox: (box: Box) => void }) {
  const [shift, setShift] = useState(false);
  const [box, setBox] = useState<Box | null>(null);
  useEffect(() => {
    const on = (e: KeyboardEvent) => setShift(e.shiftKey);
    window.addEventListener('keydown', on);
    window.addEventListener('keyup', on);
    return () => {
      window.removeEventListener('keydown', on);
      window.removeEventListener('keyup', on);
    };
  }, []);
  if (!active && !shift) return null;
  const local = (e: PointerEvent<HTMLDivElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top] as const;
  };
  return (
    <div
      className="box-select"
      data-testid="box-select"
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        const [x, y] = local(e);
        setBox({ x0: x, y0: y, x1: x, y1: y });
      }}
      onPointerMove={(e) => {
        if (!box) return;
        const [x, y] = local(e);
        setBox({ ...box, x1: x, y1: y });
      }}
      onPointerUp={() => {
        if (box && Math.abs(box.x1 - box.x0) > 3 && Math.abs(box.y1 - box.y0) > 3) onBox(box);
        setBox(null);
      }}
    >
      {box && (
        <div
          className="box-rect"
          style={{
            left: Math.min(box.x0, box.x1),
            top: Math.min(box.y0, box.y1),
            width: Math.abs(box.x1 - box.x0),
            height: Math.abs(box.y1 - box.y0),
          }}
        />
      )}
    </div>
  );
}
