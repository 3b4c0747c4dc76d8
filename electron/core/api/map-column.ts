// One catalog column as the map's colours: its values or category codes aligned with the map's
// rows, the kind (column-kind.ts) telling the renderer which scale to draw. One pass over the
// column's cells, typed arrays out, so a million-object map is coloured in well under a second.
import type { MetadataCell } from '../workspace/repositories/metadata-repo.js';
import type { RowLookup } from '../discovery/row-lookup.js';
import { classifyColumn, columnStats, COLOUR_CATEGORY_LIMIT } from './column-kind.js';
import { SerendipError } from './errors.js';
import type { MapColumn } from './view-types.js';

/** What the categories past the palette's colours are drawn as. */
export const OTHER_CATEGORY = 'other';

/** Numbers in numeric order (2 before 10), text alphabetically. */
function categoryOrder(numeric: boolean): (a: string, b: string) => number {
  return numeric ? (a, b) => Number(a) - Number(b) || a.localeCompare(b) : (a, b) => a.localeCompare(b);
}

/**
 * The categories to colour: every value when they fit the palette, else the commonest
 * COLOUR_CATEGORY_LIMIT - 1 and OTHER_CATEGORY for the rest.
 */
function chooseCategories(cells: readonly MetadataCell[], numeric: boolean): { categories: string[]; other: boolean } {
  const counts = new Map<string, number>();
  for (const { value } of cells) if (value.trim() !== '') counts.set(value, (counts.get(value) ?? 0) + 1);
  const order = categoryOrder(numeric);
  if (counts.size <= COLOUR_CATEGORY_LIMIT) return { categories: [...counts.keys()].sort(order), other: false };
  const common = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || order(a[0], b[0]))
    .slice(0, COLOUR_CATEGORY_LIMIT - 1)
    .map(([value]) => value)
    .sort(order);
  return { categories: [...common, OTHER_CATEGORY], other: true };
}

/** `cells`: every object's value of column `key`; `rowOf`: map row of an object id; `rows`: the map's size. */
export function buildMapColumn(key: string, cells: readonly MetadataCell[], rowOf: RowLookup, rows: number): MapColumn {
  if (cells.length === 0) throw new SerendipError('not-found', `no catalog column "${key}"; pick one the menu lists`);
  const stats = columnStats(key, cells);
  const kind = classifyColumn(stats);
  if (kind === 'excluded') {
    throw new SerendipError(
      'bad-request',
      `catalog column "${key}" names or locates each object (or is empty), so it cannot colour the map; pick another`,
    );
  }
  if (kind === 'continuous') {
    const values = new Float32Array(rows).fill(NaN);
    for (const cell of cells) {
      const row = rowOf(cell.object_id);
      if (row !== undefined && cell.number !== null) values[row] = cell.number;
    }
    return { key, kind, values, codes: null, categories: [] };
  }
  const { categories, other } = chooseCategories(cells, stats.numeric);
  const codeOf = new Map(categories.map((c, i) => [c, i + 1]));
  const otherCode = other ? categories.length : 0;
  const codes = new Uint16Array(rows);
  for (const cell of cells) {
    const row = rowOf(cell.object_id);
    if (row === undefined || cell.value.trim() === '') continue;
    codes[row] = codeOf.get(cell.value) ?? otherCode;
  }
  return { key, kind, values: null, codes, categories };
}
