// Keyboard labels for the queue (and the map's selection bar): key → label name. Users
// can change them in settings later; these are the defaults the help overlay lists.
export const DEFAULT_LABEL_KEYS: Record<string, string> = {
  a: 'artefact',
  l: 'lens',
  m: 'merger',
  r: 'ring',
  i: 'interesting',
};

/** The label a 0–5 rating is stored under when the object has no label yet. */
export const RATED_LABEL = 'rated';
