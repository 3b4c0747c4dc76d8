// Keyboard shortcuts (?), listed from the same tables the handlers use.
import { appStore, useAppState } from '../state/app-store.js';

export function HelpOverlay() {
  const open = useAppState((s) => s.helpOpen);
  const labelKeys = useAppState((s) => s.labelKeys);
  if (!open) return null;
  const rows: [string, string][] = [
    ['1 / 2 / 3', 'map / queue / labels'],
    ['?', 'this help'],
    ['Esc', 'close, clear the selection'],
    ['b, Shift-drag', 'box selection on the map'],
    ['/', 'go to an object by name'],
    ['+ − ← → 0', 'spectrum plot (focused): zoom, pan, reset'],
    ...Object.entries(labelKeys).map(([k, l]): [string, string] => [k, `queue: label “${l}”`]),
    ['0 – 5', 'queue: relevance'],
    ['space, →', 'queue: next'],
    ['←', 'queue: back'],
    ['z', 'queue: undo the last label'],
  ];
  return (
    <div className="modal-backdrop" onClick={() => appStore().set({ helpOpen: false })}>
      <div className="modal help" data-testid="help">
        <h2>Keyboard</h2>
        <table>
          <tbody>{rows.map(([k, v]) => <tr key={k}><td><kbd>{k}</kbd></td><td>{v}</td></tr>)}</tbody>
        </table>
      </div>
    </div>
  );
}
