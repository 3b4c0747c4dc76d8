// Keyboard labels for the queue (and the map's selection bar): key → label name. Users
// change them in Settings. They are kept per user in localStorage, not in the workspace:
// keys are a habit of the hands, and the same habits should hold in every workspace.

import { DEFAULT_LABEL_KEYS, keysOf } from '../keyboard.js';

// The defaults are kept with every other key binding.
export { DEFAULT_LABEL_KEYS };

export const LABEL_KEYS_STORAGE = 'serendip.labelKeys';
/** The queue's own letter keys: undo (0–5, space and arrows are not letters). */
const RESERVED = new Set(keysOf('queue.undo'));
/** The API's limit on a label's length. */
const MAX_LABEL = 100;

export interface LabelKeyRow {
  key: string;
  label: string;
}

export type LabelKeysCheck = { ok: true; keys: Record<string, string> } | { ok: false; errors: string[] };

/** Checks rows typed in Settings: one lower-case letter each, not z, no key twice, a label for each. */
export function checkLabelKeys(rows: readonly LabelKeyRow[]): LabelKeysCheck {
  const errors: string[] = [];
  const keys: Record<string, string> = {};
  rows.forEach((row, i) => {
    const key = row.key.trim().toLowerCase();
    const label = row.label.trim();
    const where = `Row ${i + 1}`;
    if (!/^[a-z]$/.test(key)) errors.push(`${where}: the key must be one letter (a–y), not “${row.key}”.`);
    else if (RESERVED.has(key)) errors.push(`${where}: “${key}” is the queue's undo key.`);
    else if (key in keys) errors.push(`${where}: “${key}” is used twice.`);
    if (!label) errors.push(`${where}: give the label a name.`);
    else if (label.length > MAX_LABEL) errors.push(`${where}: the label is longer than ${MAX_LABEL} characters.`);
    if (/^[a-z]$/.test(key) && !(key in keys)) keys[key] = label;
  });
  if (rows.length === 0) errors.push('Keep at least one label key.');
  return errors.length ? { ok: false, errors } : { ok: true, keys };
}

export function toRows(keys: Record<string, string>): LabelKeyRow[] {
  return Object.entries(keys).map(([key, label]) => ({ key, label }));
}

/** The part of localStorage used here (declared here so node tests can pass a stand-in). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

function storage(): KeyValueStore | null {
  try {
    return (globalThis as { localStorage?: KeyValueStore }).localStorage ?? null;
  } catch {
    return null; // storage disabled
  }
}

/** The saved keys, or the defaults when none are saved or what is saved no longer checks out. */
export function loadLabelKeys(store: KeyValueStore | null = storage()): Record<string, string> {
  try {
    const saved = JSON.parse(store?.getItem(LABEL_KEYS_STORAGE) ?? 'null') as unknown;
    if (saved && typeof saved === 'object' && !Array.isArray(saved)) {
      const rows = Object.entries(saved as Record<string, unknown>).map(([key, label]) => ({
        key,
        label: String(label),
      }));
      const check = checkLabelKeys(rows);
      if (check.ok) return check.keys;
    }
  } catch {
    // unreadable: fall back to the defaults
  }
  return { ...DEFAULT_LABEL_KEYS };
}

export function saveLabelKeys(keys: Record<string, string>, store: KeyValueStore | null = storage()): void {
  store?.setItem(LABEL_KEYS_STORAGE, JSON.stringify(keys));
}

export function clearSavedLabelKeys(store: KeyValueStore | null = storage()): void {
  store?.removeItem(LABEL_KEYS_STORAGE);
}
