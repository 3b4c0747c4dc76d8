// The selected object's label, 0–5 relevance and note, saved or cleared explicitly. What is saved
// now is written above the form (label-summary.ts): a relevance without a label reads as a rating.
import { useEffect, useState } from 'react';
import type { ObjectDetails } from '../../../../electron/core/api/view-types.js';
import { appStore, useAppState } from '../../state/app-store.js';
import { labelSummary } from '../../state/label-summary.js';

export function LabelEditor({ details }: { details: ObjectDetails }) {
  const store = appStore();
  const labelKeys = useAppState((s) => s.labelKeys);
  const [label, setLabel] = useState(details.label ?? '');
  const [relevance, setRelevance] = useState<number | null>(details.relevance);
  const [note, setNote] = useState(details.note ?? '');
  useEffect(() => {
    setLabel(details.label ?? '');
    setRelevance(details.relevance);
    setNote(details.note ?? '');
  }, [details]);
  const target = { id: details.id, name: details.name };
  const save = () =>
    void store
      .labelObjects([target], label.trim(), relevance, note.trim() || null)
      .catch((err: Error) => store.set({ error: err.message }));
  return (
    <form
      className="label-editor"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <div className="label-given muted" data-testid="label-given">
        {labelSummary(details) ?? 'not labelled or rated'}
      </div>
      <div className="label-chips">
        {Object.values(labelKeys).map((l) => (
          <button type="button" key={l} className={label === l ? 'chip active' : 'chip'} onClick={() => setLabel(l)}>
            {l}
          </button>
        ))}
      </div>
      <input
        placeholder="label"
        value={label}
        onChange={(e) => setLabel(e.target.value)}
        aria-label="label"
        data-testid="label-input"
      />
      <div className="relevance" role="radiogroup" aria-label="relevance">
        {[0, 1, 2, 3, 4, 5].map((r) => (
          <button
            type="button"
            key={r}
            className={relevance === r ? 'chip active' : 'chip'}
            onClick={() => setRelevance(relevance === r ? null : r)}
          >
            {r}
          </button>
        ))}
      </div>
      <textarea placeholder="note" value={note} onChange={(e) => setNote(e.target.value)} rows={2} aria-label="note" />
      <div className="row">
        <button type="submit" className="primary" disabled={!label.trim()}>
          Save label
        </button>
        {details.label && (
          <button type="button" onClick={() => void store.clearLabel(target)}>
            Clear
          </button>
        )}
      </div>
    </form>
  );
}
