// Shown while a box selection exists: how many objects, and label them all at once.
import { appStore } from '../../state/app-store.js';
import { LabelSetForm } from '../LabelSetForm.js';

export function SelectionBar({ ids }: { ids: number[] }) {
  const store = appStore();
  return (
    <div className="selection-bar" data-testid="selection-bar">
      <span>{ids.length} selected</span>
      <LabelSetForm ids={ids} onDone={() => store.set({ boxSelection: [] })} />
      <button onClick={() => store.set({ boxSelection: [] })}>Clear</button>
    </div>
  );
}
