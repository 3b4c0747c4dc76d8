// How a catalog column may colour the map, decided from its values alone (catalogs name their
// columns every which way): a few distinct values are categories, many numbers a continuous
// scale, and identifiers and paths nothing at all, since a colour per object tells nothing.
// One rule, used for the map's colour menu (on a sample) and for the column itself (all values).
import { NAME_COLUMNS } from '../ingest/catalog-join.js';

/** At most this many categories get their own colour (the renderer's qualitative palette has as many). */
export const COLOUR_CATEGORY_LIMIT = 12;

export type ColumnKind = 'categorical' | 'continuous' | 'excluded';

/** What the rule needs to know of a column's non-empty values. */
export interface ColumnStats {
  key: string;
  /** Non-empty values. */
  count: number;
  /** Distinct non-empty values. */
  distinct: number;
  /** Every value parses as a number. */
  numeric: boolean;
  /** Every value is a whole number. */
  integers: boolean;
  /** Some value looks like a file path or URL. */
  pathLike: boolean;
}

// A slash or backslash between non-space characters, or a name ending in a file extension
// (".fits", ".fits.fz", ".png"): not "S0/a" or "Sab", which are morphological types.
const PATH_PATTERN =
  /^[a-z]+:\/\/|[^\s/\\]*[/\\][^\s/\\]+[/\\]|\.(fits?|fz|gz|png|jpe?g|h5|hdf5|npy|csv|parquet|txt)$/i;

export function looksLikePath(value: string): boolean {
  return PATH_PATTERN.test(value.trim());
}

/**
 * The rule, in order:
 * - no values, a column a catalog is joined by (NAME_COLUMNS: name, objid, file, ...), or paths
 *   and URLs (any value path-like): excluded;
 * - at most COLOUR_CATEGORY_LIMIT distinct values: categorical (a 0/1 flag, a class, a survey);
 * - every value distinct text, or every value a distinct whole number: an identifier (name,
 *   objid, specobjid), excluded;
 * - other numbers: continuous;
 * - other text (many repeated values): categorical, the commonest values kept and the rest "other".
 */
export function classifyColumn(stats: ColumnStats): ColumnKind {
  if (stats.count === 0 || stats.pathLike || NAME_COLUMNS.includes(stats.key.trim().toLowerCase())) return 'excluded';
  if (stats.distinct <= COLOUR_CATEGORY_LIMIT) return 'categorical';
  const allDistinct = stats.distinct >= stats.count;
  if (allDistinct && (!stats.numeric || stats.integers)) return 'excluded';
  return stats.numeric ? 'continuous' : 'categorical';
}

/** One cell as the metadata table holds it: its text, and its number when the text is one. */
export interface ColumnCell {
  value: string;
  number: number | null;
}

/** Stats of `cells`, empty text counting as missing; distinct values are counted exactly. */
export function columnStats(key: string, cells: Iterable<ColumnCell>): ColumnStats {
  const seen = new Set<string>();
  let count = 0;
  let numeric = true;
  let integers = true;
  let pathLike = false;
  for (const { value, number } of cells) {
    if (value.trim() === '') continue;
    count++;
    seen.add(value);
    if (number === null) {
      numeric = false;
      integers = false;
      if (!pathLike && looksLikePath(value)) pathLike = true;
    } else if (!Number.isInteger(number)) integers = false;
  }
  return { key, count, distinct: seen.size, numeric: numeric && count > 0, integers: integers && count > 0, pathLike };
}
