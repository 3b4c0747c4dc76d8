// Labels a set of objects (box selection, similar objects) with one label.
import { useState } from 'react';
import { appStore, useAppState } from '../state/app-store.js';

export function LabelSetForm({ ids, onDone }: { ids: number[]; onDone?: () => void }) {
  const store = appStore();
  const labelKeys = useAppState((s) => s.labelKeys);
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const apply = async (name: string) => {
    if (!name.trim() || ids.length === 0) return;
    setBusy(true);
    try {
      const targets = await Promise.all(ids.map(async (id) => ({ id, name: (await store.objectDetails(id)).name })));
      await store.labelObjects(targets, name.trim());
      onDone?.();
    } catch (err) {
      store.set({ error: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="label-set"
      onSubmit={(e) => {
        e.preventDefault();
        void apply(label);
      }}
    >
      <input
        list="known-labels"
        placeholder="label these…"
        value={label}
        onChange={(e) => setLabel(e.target.value)}
        disabled={busy}
        aria-label="label for the set"
      />
      <datalist id="known-labels">
        {Object.values(labelKeys).map((l) => (
          <option key={l} value={l} />
        ))}
      </datalist>
      <button type="submit" disabled={busy || !label.trim()}>
        Label {ids.length}
      </button>
    </form>
  );
}
