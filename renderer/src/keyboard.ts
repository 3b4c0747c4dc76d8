// Every keyboard shortcut of the app, as data: the help overlay is drawn from this table, the
// key handlers read their keys from it, and a unit test holds the README and the Electron menu
// to it. Plain data with no DOM or React, so that test can import it under Node.

/** Where a binding applies. */
export type KeyScope =
  | 'app' // anywhere in the window, outside text fields
  | 'map' // the map view
  | 'queue' // the queue view
  | 'spectrum' // the spectrum plot, when it has the focus
  | 'inspector' // while an object is inspected (beside the map or the labels)
  | 'menu'; // the Electron application menu (desktop app only)

interface KeyBindingSpec {
  id: string;
  /** KeyboardEvent.key values; for the menu, Electron accelerators. */
  keys: readonly string[];
  scope: KeyScope;
  action: string;
  /** How the help shows the keys, where the keys themselves would say it less well. */
  display?: string;
  /** Menu items whose accelerator Electron supplies through their role. */
  menuRole?: string;
  /** Keys the user may change (Settings); `keys` then holds the defaults. */
  configurable?: boolean;
}

/** Default label keys of the queue (and the map's selection bar): key → label name. */
export const DEFAULT_LABEL_KEYS: Record<string, string> = {
  a: 'artefact',
  l: 'lens',
  m: 'merger',
  r: 'ring',
  i: 'interesting',
};

const TABLE = [
  // The digits switch views everywhere but in the queue, where they rate.
  {
    id: 'app.views',
    keys: ['1', '2', '3', '4'],
    scope: 'app',
    action: 'map / queue / labels / families',
    display: '1 / 2 / 3 / 4',
  },
  { id: 'app.help', keys: ['?'], scope: 'app', action: 'this help' },
  { id: 'app.escape', keys: ['Escape'], scope: 'app', action: 'close, clear the selection' },
  { id: 'app.search', keys: ['/'], scope: 'app', action: 'go to an object by name' },
  // A symbol, not a letter: the queue's label keys may be any letter.
  { id: 'app.problems', keys: ['!'], scope: 'app', action: 'problems: files that failed or had warnings' },
  { id: 'map.box', keys: ['b'], scope: 'map', action: 'box selection', display: 'b, Shift-drag' },
  { id: 'map.lasso', keys: ['l'], scope: 'map', action: 'lasso selection' },
  { id: 'inspector.explain', keys: ['w'], scope: 'inspector', action: 'why odd? (explain the object)' },
  { id: 'inspector.overlay', keys: ['o'], scope: 'inspector', action: 'where it is odd: overlay on the image' },
  { id: 'spectrum.zoomIn', keys: ['+', '='], scope: 'spectrum', action: 'zoom in', display: '+' },
  { id: 'spectrum.zoomOut', keys: ['-', '_'], scope: 'spectrum', action: 'zoom out', display: '−' },
  { id: 'spectrum.pan', keys: ['ArrowLeft', 'ArrowRight'], scope: 'spectrum', action: 'pan (Shift: further)' },
  { id: 'spectrum.reset', keys: ['0', 'Home'], scope: 'spectrum', action: 'reset' },
  { id: 'queue.label', keys: Object.keys(DEFAULT_LABEL_KEYS), scope: 'queue', action: 'label', configurable: true },
  // Shift with a label key: the label as a negative, "not ring" (a counter-example for "more like ring").
  {
    id: 'queue.negative',
    keys: Object.keys(DEFAULT_LABEL_KEYS).map((k) => k.toUpperCase()),
    scope: 'queue',
    action: 'label as a negative',
    configurable: true,
  },
  {
    id: 'queue.relevance',
    keys: ['0', '1', '2', '3', '4', '5'],
    scope: 'queue',
    action: 'relevance',
    display: '0 – 5',
  },
  { id: 'queue.next', keys: [' ', 'ArrowRight'], scope: 'queue', action: 'next', display: 'space, →' },
  { id: 'queue.back', keys: ['ArrowLeft'], scope: 'queue', action: 'back' },
  { id: 'queue.undo', keys: ['z'], scope: 'queue', action: 'undo the last label' },
  { id: 'menu.open', keys: ['CmdOrCtrl+O'], scope: 'menu', action: 'Open workspace' },
  { id: 'menu.new', keys: ['CmdOrCtrl+N'], scope: 'menu', action: 'New workspace from folder' },
  { id: 'menu.export', keys: ['CmdOrCtrl+E'], scope: 'menu', action: 'Export' },
  { id: 'menu.shortcuts', keys: ['F1'], scope: 'menu', action: 'Keyboard shortcuts' },
  { id: 'menu.resetZoom', keys: ['CmdOrCtrl+0'], scope: 'menu', action: 'Reset zoom', menuRole: 'resetZoom' },
  { id: 'menu.zoomIn', keys: ['CmdOrCtrl+='], scope: 'menu', action: 'Zoom in', menuRole: 'zoomIn' },
  { id: 'menu.zoomOut', keys: ['CmdOrCtrl+-'], scope: 'menu', action: 'Zoom out', menuRole: 'zoomOut' },
  { id: 'menu.quit', keys: ['CmdOrCtrl+Q'], scope: 'menu', action: 'Quit', menuRole: 'quit' },
] as const satisfies readonly KeyBindingSpec[];

export type BindingId = (typeof TABLE)[number]['id'];
export interface KeyBinding extends KeyBindingSpec {
  id: BindingId;
}
export const KEYBINDINGS: readonly KeyBinding[] = TABLE;

const BY_ID = new Map(KEYBINDINGS.map((b) => [b.id, b]));

export function binding(id: BindingId): KeyBinding {
  return BY_ID.get(id)!;
}

/** The keys bound to an action. */
export function keysOf(id: BindingId): readonly string[] {
  return binding(id).keys;
}

/** Whether a KeyboardEvent.key value triggers the action. */
export function isKey(id: BindingId, key: string): boolean {
  return binding(id).keys.includes(key);
}

const KEY_NAMES: Record<string, string> = { ' ': 'space', ArrowLeft: '←', ArrowRight: '→', Escape: 'Esc' };

/** A KeyboardEvent.key value as people write it. */
export function keyName(key: string): string {
  return KEY_NAMES[key] ?? key;
}

/** How the help shows a binding's keys. */
export function displayKeys(b: KeyBinding): string {
  return b.display ?? b.keys.map(keyName).join(' ');
}

/** The part of a KeyboardEvent these checks read (structural, so Node tests need no DOM). */
interface KeyEventLike {
  readonly target: unknown;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
}

/** Keys typed into a form field belong to the field, not to the app. */
export function isTyping(event: Pick<KeyEventLike, 'target'>): boolean {
  const target = event.target as { tagName?: string; isContentEditable?: boolean } | null;
  return (
    !!target &&
    (target.tagName === 'INPUT' ||
      target.tagName === 'TEXTAREA' ||
      target.tagName === 'SELECT' ||
      !!target.isContentEditable)
  );
}

/** A key the app's own bindings may act on: not typed into a field, no Ctrl, Cmd or Alt held. */
export function isAppKey(event: KeyEventLike): boolean {
  return !isTyping(event) && !event.ctrlKey && !event.metaKey && !event.altKey;
}
