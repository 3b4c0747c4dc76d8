// The map's filter mask as the map recomputes it while a range is brushed, and the shown points
// gathered into compact typed arrays for deck.gl (no per-point objects), so a million-point map
// re-filters in milliseconds. Pure typed-array code beside map-filter.ts, so the renderer and the
// benchmark (test/bench/map-filter.bench.ts) run the same functions.
import { applyRange, filterMask, withRange, type FilterInputs, type MapFilter } from './map-filter.js';

/**
 * Computes masks for a sequence of filters over the same inputs. A brush changes only the range last set
 * (withRange puts it last): the mask of everything else is kept, so each brush move is one pass over one column.
 */
export class IncrementalMask {
  private base: { key: string; inputs: FilterInputs; mask: Uint8Array } | null = null;

  compute(filter: MapFilter, inputs: FilterInputs): Uint8Array {
    const last = filter.ranges.at(-1);
    const values = last && inputs.columns.get(last.column);
    if (!last || !values) return filterMask(filter, inputs);
    const key = `${last.column}\n${JSON.stringify(withRange(filter, last.column, null))}`;
    if (this.base?.key !== key || this.base.inputs !== inputs)
      this.base = { key, inputs, mask: filterMask(filter, inputs, undefined, last.column) };
    return applyRange(this.base.mask.slice(), values, last.min, last.max);
  }
}

/** The map rows a mask shows, with their positions (interleaved x, y), colours (RGBA) and coordinates gathered. */
export interface ShownPoints {
  count: number;
  rows: Uint32Array;
  positions: Float32Array;
  colours: Uint8Array;
  x: Float32Array;
  y: Float32Array;
}

export function gatherShown(
  mask: Uint8Array,
  map: { x: Float32Array; y: Float32Array },
  colours: Uint8Array,
): ShownPoints {
  let count = 0;
  for (let i = 0; i < mask.length; i++) count += mask[i];
  const rows = new Uint32Array(count);
  const positions = new Float32Array(count * 2);
  const shownColours = new Uint8Array(count * 4);
  const x = new Float32Array(count);
  const y = new Float32Array(count);
  // Colours are read as one 32-bit word per point.
  const from32 = new Uint32Array(colours.buffer, colours.byteOffset, colours.length >> 2);
  const to32 = new Uint32Array(shownColours.buffer);
  for (let i = 0, k = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    rows[k] = i;
    x[k] = positions[2 * k] = map.x[i];
    y[k] = positions[2 * k + 1] = map.y[i];
    to32[k] = from32[i];
    k++;
  }
  return { count, rows, positions, colours: shownColours, x, y };
}
