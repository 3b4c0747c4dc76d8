// Keyboard shortcuts (?), listed from the keybinding table the handlers read; the label keys
// are the user's current ones. The menu's accelerators are left out: the browser has no menu.
import { appStore, useAppState } from '../state/app-store.js';
import { displayKeys, KEYBINDINGS, type KeyBinding, type KeyScope } from '../keyboard.js';
import { NEGATIVE_LABEL_PREFIX } from '../../../electron/core/discovery/active/relevance-target.js';

const WHERE: Record<KeyScope, string> = {
  app: '',
  map: 'map: ',
  queue: 'queue: ',
  spectrum: 'spectrum plot (focused): ',
  inspector: 'inspector: ',
  menu: 'menu: ',
};

function helpRows(labelKeys: Record<string, string>): [string, string][] {
  const row = (b: KeyBinding): [string, string][] =>
    b.id === 'queue.label'
      ? Object.entries(labelKeys).map(([k, l]): [string, string] => [k, `${WHERE[b.scope]}${b.action} “${l}”`])
      : b.id === 'queue.negative'
        ? Object.entries(labelKeys).map(([k, l]): [string, string] => [
            `Shift+${k}`,
            `${WHERE[b.scope]}${b.action} “${NEGATIVE_LABEL_PREFIX}${l}”`,
          ])
        : [[displayKeys(b), `${WHERE[b.scope]}${b.action}`]];
  return KEYBINDINGS.filter((b) => b.scope !== 'menu').flatMap(row);
}

export function HelpOverlay() {
  const open = useAppState((s) => s.helpOpen);
  const labelKeys = useAppState((s) => s.labelKeys);
  if (!open) return null;
  const rows = helpRows(labelKeys);
  return (
    <div className="modal-backdrop" onClick={() => appStore().set({ helpOpen: false })}>
      <div className="modal help" data-testid="help">
        <h2>Keyboard</h2>
        <table>
          <tbody>
            {rows.map(([k, v]) => (
              <tr key={`${k} ${v}`}>
                <td>
                  <kbd>{k}</kbd>
                </td>
                <td>{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
