// What the map and the queue are filtered by, and the one function that decides which map rows
// pass. The renderer runs it on the map's typed-array columns as a range is brushed, and the
// queue runs it on the server over the same columns, so both show the same objects. Pure (no
// zod, no Node): the renderer bundles it. Names are matched where they are kept (the server's
// database), so the name filter arrives here as a mask of the rows whose name matched.

/** Which objects the label filter lets through: any, only labelled ones (of `names`, if given), or unlabelled ones. */
export const LABEL_SHOWS = ['all', 'labelled', 'unlabelled'] as const;
export type LabelShow = (typeof LABEL_SHOWS)[number];

/** A column of the map, named as the colour menu names it: 'score' or 'meta:<catalog column>'. */
export type FilterColumn = string;

/** Rows whose value lies in [min, max] pass; a missing value (NaN) never does. */
export interface RangeFilter {
  column: FilterColumn;
  min: number;
  max: number;
}

export interface MapFilter {
  /** At most one per column; every range must hold. */
  ranges: RangeFilter[];
  labels: { show: LabelShow; /** With 'labelled': only these labels (empty: any label). */ names: string[] };
  /** Case-insensitive part of the object's name; '' lets every name through. */
  name: string;
}

export const NO_FILTER: MapFilter = { ranges: [], labels: { show: 'all', names: [] }, name: '' };

/** The score column's name in a filter. */
export const SCORE_COLUMN: FilterColumn = 'score';

/** Whether `filter` lets fewer than every object through. */
export function isFilterActive(filter: MapFilter): boolean {
  return filter.ranges.length > 0 || filter.labels.show !== 'all' || filter.name.trim() !== '';
}

/** The map's columns a filter reads, aligned by row. */
export interface FilterInputs {
  count: number;
  /** Values of each column a range names; a range over a column missing here lets nothing through. */
  columns: ReadonlyMap<FilterColumn, Float32Array>;
  /** 0 = unlabelled, k = labelNames[k - 1]. */
  labelCode: ArrayLike<number>;
  labelNames: readonly string[];
  /** 1 where the row's name matched `filter.name`; null when the filter has no name part. */
  nameRows: Uint8Array | null;
}

/** For each label code, whether the label filter lets it through. */
function labelCodesAllowed(labels: MapFilter['labels'], names: readonly string[]): Uint8Array {
  const allowed = new Uint8Array(names.length + 1);
  if (labels.show === 'all') return allowed.fill(1);
  if (labels.show === 'unlabelled') {
    allowed[0] = 1;
    return allowed;
  }
  const wanted = new Set(labels.names);
  names.forEach((name, k) => (allowed[k + 1] = wanted.size === 0 || wanted.has(name) ? 1 : 0));
  return allowed;
}

/** Narrows `mask` in place to rows whose `values` lie in [min, max]: one pass, for a brush being dragged. */
export function applyRange(mask: Uint8Array, values: Float32Array, min: number, max: number): Uint8Array {
  for (let i = 0; i < mask.length; i++) {
    const v = values[i];
    // NaN fails both comparisons, so missing values drop out.
    mask[i] &= v >= min && v <= max ? 1 : 0;
  }
  return mask;
}

/**
 * The rows `filter` lets through (1) and those it hides (0), written into `out` when given. `except`: leave out the
 * range on that column, so a brush on it only needs applyRange over this base mask.
 */
export function filterMask(
  filter: MapFilter,
  inputs: FilterInputs,
  out?: Uint8Array,
  except?: FilterColumn,
): Uint8Array {
  const n = inputs.count;
  const mask = out && out.length === n ? out : new Uint8Array(n);
  if (filter.labels.show === 'all') mask.fill(1);
  else {
    const allowed = labelCodesAllowed(filter.labels, inputs.labelNames);
    const codes = inputs.labelCode;
    for (let i = 0; i < n; i++) mask[i] = allowed[codes[i]] ?? 0;
  }
  if (filter.name.trim() !== '') {
    const rows = inputs.nameRows;
    if (!rows) mask.fill(0);
    else for (let i = 0; i < n; i++) mask[i] &= rows[i];
  }
  for (const range of filter.ranges) {
    if (range.column === except) continue;
    const values = inputs.columns.get(range.column);
    if (!values) mask.fill(0);
    else applyRange(mask, values, range.min, range.max);
  }
  return mask;
}

/** How many rows `mask` lets through. */
export function countShown(mask: Uint8Array): number {
  let shown = 0;
  for (let i = 0; i < mask.length; i++) shown += mask[i];
  return shown;
}

/** The filter with `range` set on its column (replacing any range there), or the column's range removed (null). */
export function withRange(
  filter: MapFilter,
  column: FilterColumn,
  range: { min: number; max: number } | null,
): MapFilter {
  const ranges = filter.ranges.filter((r) => r.column !== column);
  return { ...filter, ranges: range ? [...ranges, { column, ...range }] : ranges };
}

/** The filter in words for the status line, e.g. "score 0.2–0.8 · unlabelled · name ~ "J10"". */
export function describeFilter(filter: MapFilter): string {
  const parts = filter.ranges.map((r) => `${r.column.replace(/^meta:/, '')} ${fmt(r.min)}–${fmt(r.max)}`);
  if (filter.labels.show === 'unlabelled') parts.push('unlabelled');
  if (filter.labels.show === 'labelled')
    parts.push(filter.labels.names.length ? `labelled ${filter.labels.names.join(', ')}` : 'labelled');
  if (filter.name.trim()) parts.push(`name ~ "${filter.name.trim()}"`);
  return parts.join(' · ');
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(3);
}
