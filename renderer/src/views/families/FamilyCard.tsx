// One family of the Families view: the exemplar's thumbnail, a strip of the members' thumbnails
// (a click inspects one), the size, the shared features in words, and "Label family…", which
// labels every member at once (labelMany) with a label of the user's set; the status line
// offers to undo it (one undo: a labelling of many objects is one change).
import { useState } from 'react';
import type { AnomalyFamily } from '../../../../electron/core/api/contract-families.js';
import type { ObjectHit } from '../../../../electron/core/api/contract.js';
import { appStore, useAppState } from '../../state/app-store.js';

type Labelled = { label: string; count: number; undone?: boolean };

export function FamilyCard({ family, hits }: { family: AnomalyFamily; hits: Map<string, ObjectHit> }) {
  const store = appStore();
  const labelKeys = useAppState((s) => s.labelKeys);
  const [picking, setPicking] = useState(false);
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Labelled | null>(null);
  const exemplar = hits.get(family.exemplar);
  const targets = family.members.flatMap((name) => {
    const hit = hits.get(name);
    return hit ? [{ id: hit.id, name }] : [];
  });

  const labelFamily = async () => {
    const chosen = label.trim();
    if (!chosen) return;
    setBusy(true);
    try {
      await store.labelObjects(targets, chosen);
      setDone({ label: chosen, count: targets.length });
      setPicking(false);
    } catch (err) {
      store.set({ error: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };
  const undo = async () => {
    if (!done) return;
    setBusy(true);
    try {
      await store.undo();
      setDone({ ...done, undone: true });
    } catch (err) {
      store.set({ error: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="family" data-testid="family">
      <button className="family-exemplar" onClick={() => exemplar && store.select(exemplar.id)} title={family.exemplar}>
        {exemplar?.thumb ? <img src={store.api.fileUrl(exemplar.thumb)} alt={family.exemplar} /> : family.exemplar}
      </button>
      <div className="family-body">
        <header className="family-head">
          <strong>Family {family.family}</strong>
          <span className="muted" data-testid="family-size">
            {family.size} {family.size === 1 ? 'object' : 'objects'} · exemplar {family.exemplar}
          </span>
          <span className="spacer" />
          {!picking && (
            <button onClick={() => setPicking(true)} disabled={busy || targets.length === 0}>
              Label family…
            </button>
          )}
        </header>
        <ul className="family-features" data-testid="family-features">
          {family.features.length === 0 && <li className="muted">no feature shared by every member</li>}
          {family.features.map((f) => (
            <li key={f.name}>{f.phrase}</li>
          ))}
        </ul>
        <div className="family-strip">
          {family.members.map((name) => {
            const hit = hits.get(name);
            return (
              <button
                key={name}
                className="thumb"
                onClick={() => hit && store.select(hit.id)}
                title={name}
                data-testid="family-member"
              >
                {hit?.thumb ? <img src={store.api.fileUrl(hit.thumb)} alt={name} loading="lazy" /> : name}
              </button>
            );
          })}
        </div>
        {picking && (
          <form
            className="label-set"
            onSubmit={(e) => {
              e.preventDefault();
              void labelFamily();
            }}
          >
            <input
              list="family-labels"
              placeholder="e.g. artefact: trails"
              value={label}
              onChange={(e) => setLabel(e.target.value)}
              disabled={busy}
              autoFocus
              aria-label="label for the family"
            />
            <datalist id="family-labels">
              {Object.values(labelKeys).map((l) => (
                <option key={l} value={l} />
              ))}
            </datalist>
            <button type="submit" disabled={busy || !label.trim()}>
              Label {targets.length}
            </button>
            <button type="button" onClick={() => setPicking(false)} disabled={busy}>
              Cancel
            </button>
          </form>
        )}
        {done && (
          <div className="family-status" role="status" data-testid="family-status">
            {done.undone
              ? `Undone: ${done.count} no longer labelled “${done.label}”.`
              : `Labelled ${done.count} as “${done.label}”.`}
            {!done.undone && (
              <button className="link" onClick={() => void undo()} disabled={busy}>
                Undo
              </button>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
