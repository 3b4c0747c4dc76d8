// Settings: the queue's label keys (letter → label), edited as rows, checked on save
// (label-keys.ts says what is allowed), saved for this user in every workspace; and the
// compute devices (ComputeDevices.tsx): which GPU and CPU backends run here, and how fast.
import { useState } from 'react';
import { appStore } from '../state/app-store.js';
import {
  DEFAULT_LABEL_KEYS,
  checkLabelKeys,
  clearSavedLabelKeys,
  saveLabelKeys,
  toRows,
  type LabelKeyRow,
} from '../state/label-keys.js';
import { ComputeDevices } from './ComputeDevices.js';
import { ModalDialog } from './ModalDialog.js';

export function SettingsPanel({ onClose }: { onClose: () => void }) {
  const store = appStore();
  const [rows, setRows] = useState<LabelKeyRow[]>(() => toRows(store.get().labelKeys));
  const [errors, setErrors] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);

  const edit = (i: number, patch: Partial<LabelKeyRow>) => {
    setRows((r) => r.map((row, j) => (j === i ? { ...row, ...patch } : row)));
    setSaved(false);
  };

  const save = () => {
    const check = checkLabelKeys(rows);
    if (!check.ok) return setErrors(check.errors);
    saveLabelKeys(check.keys);
    store.set({ labelKeys: check.keys });
    setRows(toRows(check.keys));
    setErrors([]);
    setSaved(true);
  };

  const reset = () => {
    clearSavedLabelKeys();
    store.set({ labelKeys: { ...DEFAULT_LABEL_KEYS } });
    setRows(toRows(DEFAULT_LABEL_KEYS));
    setErrors([]);
    setSaved(true);
  };

  return (
    <ModalDialog title="Settings" testId="settings-panel" onClose={onClose}>
      <section aria-label="Queue label keys">
        <h3>Queue label keys</h3>
        <p className="muted">
          One letter each (not z, which undoes; 0–5 rate, space skips). Kept for you in every workspace.
        </p>
        {errors.length > 0 && (
          <div className="dialog-error" role="alert" data-testid="settings-errors">
            <ul>
              {errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          </div>
        )}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <table className="key-table">
            <tbody>
              {rows.map((row, i) => (
                <tr key={i} data-testid="label-key-row">
                  <td>
                    <input
                      className="key-input"
                      type="text"
                      maxLength={1}
                      aria-label={`Key ${i + 1}`}
                      value={row.key}
                      onChange={(e) => edit(i, { key: e.target.value })}
                    />
                  </td>
                  <td>
                    <input
                      className="label-input"
                      type="text"
                      aria-label={`Label for key ${i + 1}`}
                      value={row.label}
                      onChange={(e) => edit(i, { label: e.target.value })}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      aria-label={`Remove key ${i + 1}`}
                      onClick={() => {
                        setRows((r) => r.filter((_, j) => j !== i));
                        setSaved(false);
                      }}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="dialog-actions">
            <button
              type="button"
              onClick={() => {
                setRows((r) => [...r, { key: '', label: '' }]);
                setSaved(false);
              }}
            >
              Add key
            </button>
            <button type="button" onClick={reset}>
              Reset to defaults
            </button>
            <span className="muted" role="status">
              {saved ? 'Saved.' : ''}
            </span>
            <button type="submit" className="primary">
              Save
            </button>
          </div>
        </form>
      </section>
      <ComputeDevices />
    </ModalDialog>
  );
}
