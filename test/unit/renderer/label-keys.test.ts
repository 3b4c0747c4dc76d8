import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LABEL_KEYS,
  LABEL_KEYS_STORAGE,
  checkLabelKeys,
  loadLabelKeys,
  saveLabelKeys,
  toRows,
  type KeyValueStore,
} from '../../../renderer/src/state/label-keys.js';

function memoryStorage(): KeyValueStore {
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => void map.set(k, v),
  };
}

describe('label keys', () => {
  it('accepts the defaults and lower-cases a typed capital', () => {
    expect(checkLabelKeys(toRows(DEFAULT_LABEL_KEYS))).toEqual({ ok: true, keys: DEFAULT_LABEL_KEYS });
    expect(checkLabelKeys([{ key: 'Q', label: ' quasar ' }])).toEqual({ ok: true, keys: { q: 'quasar' } });
  });

  it('refuses digits, space, z, several letters, a key twice and an empty label, saying which row', () => {
    const check = checkLabelKeys([
      { key: '3', label: 'x' },
      { key: ' ', label: 'x' },
      { key: 'z', label: 'x' },
      { key: 'ab', label: 'x' },
      { key: 'a', label: 'one' },
      { key: 'a', label: 'two' },
      { key: 'b', label: '  ' },
    ]);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.errors).toEqual([
      expect.stringMatching(/^Row 1: .*one letter/),
      expect.stringMatching(/^Row 2: .*one letter/),
      expect.stringMatching(/^Row 3: .*undo/),
      expect.stringMatching(/^Row 4: .*one letter/),
      expect.stringMatching(/^Row 6: .*twice/),
      expect.stringMatching(/^Row 7: .*name/),
    ]);
    expect(checkLabelKeys([]).ok).toBe(false);
  });

  it('saves per user and falls back to the defaults when nothing valid is saved', () => {
    const store = memoryStorage();
    expect(loadLabelKeys(store)).toEqual(DEFAULT_LABEL_KEYS);
    saveLabelKeys({ q: 'quasar', a: 'artefact' }, store);
    expect(loadLabelKeys(store)).toEqual({ q: 'quasar', a: 'artefact' });
    store.setItem(LABEL_KEYS_STORAGE, '{"z":"bad"}');
    expect(loadLabelKeys(store)).toEqual(DEFAULT_LABEL_KEYS);
    store.setItem(LABEL_KEYS_STORAGE, 'not json');
    expect(loadLabelKeys(store)).toEqual(DEFAULT_LABEL_KEYS);
    expect(loadLabelKeys(null)).toEqual(DEFAULT_LABEL_KEYS);
  });
});
