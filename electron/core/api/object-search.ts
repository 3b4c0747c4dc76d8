// "Go to object": objects whose name contains the typed text, for the top bar's search. It
// is the one route to objects that are on no map (spectra before a spectrum embedding,
// objects ingested after the last map), so it matches any modality. Exact names come
// first, then names that start with the text, then the rest, shortest first. Typed RA/Dec
// ("150.1 2.2", "10:00:24 +02:12:00") lists the nearest objects instead, with their separation.
import type { Db } from '../workspace/database.js';
import { SkyIndex } from '../discovery/imports/sky-match.js';
import { COORDINATE_SEARCH_RADIUS_ARCSEC, parseSkyPosition, type SkyPosition } from '../util/sky-coordinates.js';
import type { ObjectMatch } from './view-types.js';

/** LIKE treats % and _ as wildcards: a typed one means itself. */
export function likeEscaped(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function findObjects(db: Db, text: string, limit = 20): ObjectMatch[] {
  const query = text.trim();
  if (!query) return [];
  const coordinates = parseSkyPosition(query);
  // Text that looks like coordinates but is out of range matches nothing; the search box says why.
  if (coordinates) return 'position' in coordinates ? findObjectsNear(db, coordinates.position, limit) : [];
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

/**
 * The objects nearest `position`, nearest first. The Dec band read (Dec is indexed) starts narrow and
 * widens only while fewer than `limit` objects lie inside: a dense field of 200k objects a square
 * degree took near a second to read a whole degree's band for each keystroke.
 */
function findObjectsNear(db: Db, position: SkyPosition, limit: number): ObjectMatch[] {
  const band = db.prepare('SELECT id, ra, dec FROM objects WHERE dec BETWEEN ? AND ? AND ra IS NOT NULL');
  let nearest: { id: number; separationArcsec: number }[] = [];
  for (const radius of [60, 600, COORDINATE_SEARCH_RADIUS_ARCSEC]) {
    const window = radius / 3600;
    const points = band.all(position.dec - window, position.dec + window) as { id: number; ra: number; dec: number }[];
    nearest = new SkyIndex(points).within(position.ra, position.dec, radius, limit);
    if (nearest.length >= limit) break;
  }
  const describe = db.prepare('SELECT id, name, modality, thumb FROM objects WHERE id = ?');
  return nearest.map(({ id, separationArcsec }) => ({ ...(describe.get(id) as ObjectMatch), separationArcsec }));
}
