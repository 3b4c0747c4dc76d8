// "Go to object": objects whose name contains the typed text, for the top bar's search. It
// is the one route to objects that are on no map (spectra before a spectrum embedding,
// objects ingested after the last map), so it matches any modality. Exact names come
// first, then names that start with the text, then the rest, shortest first.
import type { Db } from '../workspace/database.js';
import type { ObjectMatch } from './view-types.js';

/** LIKE treats % and _ as wildcards: a typed one means itself. */
function likeEscaped(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function findObjects(db: Db, text: string, limit = 20): ObjectMatch[] {
  const query = text.trim();
  if (!query) return [];
  const pattern = likeEscaped(query);
  return db
    .prepare(
      `SELECT id, name, modality, thumb FROM objects
       WHERE name LIKE ? ESCAPE '\\'
       ORDER BY (name = ?) DESC, (name LIKE ? ESCAPE '\\') DESC, length(name), name
       LIMIT ?`,
    )
    .all(`%${pattern}%`, query, `${pattern}%`, limit) as ObjectMatch[];
}
