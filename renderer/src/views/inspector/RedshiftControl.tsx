// The redshift the line markers are drawn at: a number field for a precise value (arrow keys
// step 0.001), a slider to sweep the lines across the spectrum, and a button back to the
// catalog's (or the file's) redshift. Typing keeps its own text, so "0." or an empty field
// mid-edit is not snapped back; only a number z > −1 moves the markers.
import { useEffect, useId, useState } from 'react';

export interface RedshiftControlProps {
  z: number;
  onChange: (z: number) => void;
  /** The object's own redshift, to return to; null when it has none. */
  initial: number | null;
  /** Where `initial` came from, for the button's title. */
  initialSource: 'catalog' | 'file' | null;
}

const show = (z: number) => String(Number(z.toFixed(5)));

export function RedshiftControl({ z, onChange, initial, initialSource }: RedshiftControlProps) {
  const id = useId();
  const [text, setText] = useState(show(z));
  useEffect(() => {
    if (Number(text) !== z || text.trim() === '') setText(show(z));
    // Only an outside change of z rewrites the field; its own edits already match.
  }, [z]);
  const sliderMax = Math.max(1, Math.ceil((initial ?? 0) * 1.5 + 0.25), Math.ceil(z));
  const onText = (value: string) => {
    setText(value);
    const parsed = Number(value);
    if (value.trim() !== '' && Number.isFinite(parsed) && parsed > -1 && parsed <= 20) onChange(parsed);
  };
  return (
    <div className="redshift-control" role="group" aria-label="Redshift of the line markers">
      <label htmlFor={id}>z</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        step={0.001}
        min={-0.05}
        max={20}
        value={text}
        data-testid="redshift-input"
        onChange={(e) => onText(e.target.value)}
        onBlur={() => setText(show(z))}
      />
      <input
        type="range"
        min={0}
        max={sliderMax}
        step={0.0005}
        value={Math.min(z, sliderMax)}
        aria-label="Redshift slider"
        data-testid="redshift-slider"
        onChange={(e) => onChange(Number(e.target.value))}
      />
      {initial !== null && (
        <button
          type="button"
          onClick={() => onChange(initial)}
          disabled={Math.abs(z - initial) < 1e-9}
          data-testid="redshift-reset"
          title={`Back to the ${initialSource === 'catalog' ? "catalog's" : "file's"} redshift`}
        >
          {initialSource === 'catalog' ? 'catalog' : 'file'} z
        </button>
      )}
    </div>
  );
}
