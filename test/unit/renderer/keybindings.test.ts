// The keybinding table is the one list of shortcuts: the help overlay is drawn from it and the
// handlers read it, but the README and the Electron menu are written by hand (electron/ may not
// import the renderer), so they are held to the table here.
import type { MenuItemConstructorOptions } from 'electron';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { menuTemplate, type MenuActions } from '../../../electron/main/app-menu.js';
import { keyboardShortcuts } from '../../../electron/main/keyboard-shortcuts.js';
import {
  DEFAULT_LABEL_KEYS,
  KEYBINDINGS,
  isAppKey,
  isKey,
  isTyping,
  keyName,
  keysOf,
  type KeyScope,
} from '../../../renderer/src/keyboard.js';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

/** The key names of a scope's bindings, as people write them (space, →, a, 0). */
function tableKeys(scope: KeyScope): Set<string> {
  return new Set(KEYBINDINGS.filter((b) => b.scope === scope).flatMap((b) => b.keys.map(keyName)));
}

/** `0`–`5` (or 0 – 5) as the keys it spans. */
function expandRange(from: string, to: string): string[] {
  const keys: string[] = [];
  for (let c = from.charCodeAt(0); c <= to.charCodeAt(0); c++) keys.push(String.fromCharCode(c));
  return keys;
}

/** The keys the README's Queue bullet names: backticked keys, ranges, and space and the arrows. */
function readmeQueueKeys(text: string): Set<string> {
  const bullet = /- \*\*Queue\*\*: one object at a time, keyboard first: ([^.]*)\./.exec(text);
  if (!bullet) throw new Error('README has no "Queue: ... keyboard first: ..." sentence');
  const sentence = bullet[1].replace(/\s+/g, ' ');
  const keys = new Set<string>();
  const rest = sentence.replace(/`(.)`\s*[–-]\s*`(.)`/g, (_, a: string, b: string) => {
    expandRange(a, b).forEach((k) => keys.add(k));
    return '';
  });
  for (const [, k] of rest.matchAll(/`([^`]+)`/g)) keys.add(k);
  for (const word of ['space', '→', '←']) if (rest.includes(word)) keys.add(word);
  return keys;
}

/** The keys named in a section of Electron's Help > Keyboard shortcuts text ("0 – 5", "a / l", "Space or →"). */
function electronKeys(keys: string): string[] {
  return keys.split(/ \/ | or /).flatMap((k) => {
    const range = /^(.) – (.)$/.exec(k);
    if (range) return expandRange(range[1], range[2]);
    return [k === 'Space' ? 'space' : k];
  });
}

const noop = () => {};
const actions: MenuActions = {
  openWorkspace: noop,
  newWorkspaceFromFolder: noop,
  openDemo: noop,
  openRecent: noop,
  clearRecent: noop,
  exportCollection: noop,
  showKeyboardShortcuts: noop,
  showAbout: noop,
};

function menuItems(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? menuItems(i.submenu) : [])]);
}

describe('keybinding table', () => {
  it('binds no key twice within a scope', () => {
    for (const scope of ['app', 'map', 'queue', 'spectrum', 'inspector', 'menu'] as const) {
      const keys = KEYBINDINGS.filter((b) => b.scope === scope).flatMap((b) => b.keys);
      expect(new Set(keys).size, scope).toBe(keys.length);
    }
  });

  it('gives the inspector keys of its own: it is open beside the map, whose keys and the app’s still work', () => {
    const beside = new Set(KEYBINDINGS.filter((b) => b.scope === 'app' || b.scope === 'map').flatMap((b) => b.keys));
    const inspector = KEYBINDINGS.filter((b) => b.scope === 'inspector').flatMap((b) => b.keys);
    expect(inspector.length).toBeGreaterThan(0);
    for (const key of inspector) expect(beside.has(key), key).toBe(false);
  });

  it('holds the default label keys as the queue label binding', () => {
    expect(keysOf('queue.label')).toEqual(Object.keys(DEFAULT_LABEL_KEYS));
    expect(isKey('queue.next', ' ')).toBe(true);
    expect(isKey('queue.next', 'ArrowLeft')).toBe(false);
  });

  it('leaves keys typed into fields, or with Ctrl, Cmd or Alt, to others', () => {
    const event = (target: unknown, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey', boolean>> = {}) => ({
      target,
      ctrlKey: false,
      metaKey: false,
      altKey: false,
      ...mods,
    });
    expect(isTyping(event({ tagName: 'INPUT' }))).toBe(true);
    expect(isTyping(event({ tagName: 'DIV', isContentEditable: true }))).toBe(true);
    expect(isAppKey(event({ tagName: 'DIV', isContentEditable: false }))).toBe(true);
    expect(isAppKey(event(null, { metaKey: true }))).toBe(false);
  });
});

describe('README against the keybinding table', () => {
  it('names exactly the queue keys, each label key with its label', () => {
    expect([...readmeQueueKeys(readme)].sort()).toEqual([...tableKeys('queue')].sort());
    for (const [key, label] of Object.entries(DEFAULT_LABEL_KEYS)) expect(readme).toContain(`\`${key}\` ${label}`);
  });

  it('names the help key, the go-to-object key and the problems key', () => {
    for (const key of [...keysOf('app.help'), ...keysOf('app.search'), ...keysOf('app.problems')])
      expect(readme).toContain(`\`${key}\``);
  });

  it('fails when a queue key of the table is missing from the README', () => {
    const without = readme.replace(', ← back', '');
    expect([...readmeQueueKeys(without)].sort()).not.toEqual([...tableKeys('queue')].sort());
  });
});

describe('Electron menu against the keybinding table', () => {
  const context = { platform: 'linux', recent: [], development: false, workspaceOpen: true } as const;
  const items = menuItems(menuTemplate(actions, context));
  const menu = KEYBINDINGS.filter((b) => b.scope === 'menu');

  it('has as accelerators exactly the menu keys that are not supplied by a role', () => {
    const accelerators = items.flatMap((i) => (i.accelerator ? [i.accelerator] : []));
    expect(accelerators.sort()).toEqual(
      menu
        .filter((b) => !b.menuRole)
        .flatMap((b) => b.keys)
        .sort(),
    );
    for (const b of menu.filter((m) => !m.menuRole)) {
      expect(items.find((i) => i.accelerator === b.keys[0])?.label).toContain(b.action);
    }
  });

  it('has the roles whose accelerators the table lists', () => {
    const roles = new Set(items.map((i) => i.role));
    for (const b of menu.filter((b) => b.menuRole)) expect(roles.has(b.menuRole as never), b.id).toBe(true);
  });

  it('lists under Help > Keyboard shortcuts only keys the table binds', () => {
    const [application, queue, inspector] = keyboardShortcuts('linux');
    const menuKeys = new Set(menu.flatMap((b) => b.keys));
    for (const s of application.shortcuts) {
      for (const k of s.keys.split(' / ')) expect(menuKeys, s.keys).toContain(k.replace(/^Ctrl\+/, 'CmdOrCtrl+'));
    }
    const queueKeys = tableKeys('queue');
    for (const s of queue.shortcuts) for (const k of electronKeys(s.keys)) expect(queueKeys, s.keys).toContain(k);
    const inspectorKeys = tableKeys('inspector');
    expect(inspector.shortcuts.map((s) => s.keys).sort()).toEqual([...inspectorKeys].sort());
  });
});
