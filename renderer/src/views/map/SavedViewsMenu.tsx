// The map toolbar's saved views: reopen a named filter and colouring, save the current ones
// under a name, or delete one. Views live in the workspace (saveView / savedViews / deleteView).
import { useEffect, useState } from 'react';
import type { SavedView } from '../../../../electron/core/api/contract-filters.js';
import { appStore } from '../../state/app-store.js';

export function SavedViewsMenu() {
  const store = appStore();
  const [views, setViews] = useState<SavedView[]>([]);
  const [chosen, setChosen] = useState('');
  const reload = () => void store.api.call('savedViews').then(setViews, () => setViews([]));
  useEffect(reload, [store]);
  const fail = (err: Error) => store.set({ error: err.message });
  // Electron has no window.prompt: the name is typed in place.
  const [naming, setNaming] = useState<string | null>(null);
  const save = (name: string) => {
    if (!name.trim()) return;
    const { filter, colourBy } = store.get();
    store.api.call('saveView', { name: name.trim(), filter, colourBy }).then(() => {
      setChosen(name.trim());
      setNaming(null);
      reload();
    }, fail);
  };
  const open = (name: string) => {
    setChosen(name);
    const view = views.find((v) => v.name === name);
    if (view) store.applyView(view);
  };
  const remove = () => {
    if (!chosen) return;
    store.api.call('deleteView', chosen).then(() => {
      setChosen('');
      reload();
    }, fail);
  };
  return (
    <span className="saved-views">
      <select value={chosen} onChange={(e) => open(e.target.value)} data-testid="saved-views" aria-label="saved views">
        <option value="">{views.length ? 'Saved views…' : 'No saved views'}</option>
        {views.map((v) => (
          <option key={v.name} value={v.name}>
            {v.name}
          </option>
        ))}
      </select>
      {naming === null ? (
        <button onClick={() => setNaming(chosen)} title="Save the current filters and colouring as a view">
          Save view
        </button>
      ) : (
        <form
          className="save-view"
          onSubmit={(e) => {
            e.preventDefault();
            save(naming);
          }}
        >
          <input
            autoFocus
            value={naming}
            placeholder="view name"
            onChange={(e) => setNaming(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && setNaming(null)}
            data-testid="view-name"
            aria-label="view name"
          />
          <button type="submit" disabled={!naming.trim()}>
            Save
          </button>
        </form>
      )}
      {chosen && (
        <button onClick={remove} title={`Delete the view "${chosen}"`}>
          Delete
        </button>
      )}
    </span>
  );
}
