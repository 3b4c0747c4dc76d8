// The map's filter mask as the map recomputes it while a range is brushed, and the shown points
// gathered into compact typed arrays for deck.gl (no per-point objects), so a million-point map
// re-filters in milliseconds. Pure typed-array code beside map-filter.ts, so the renderer and the
// benchmark (test/bench/map-filter.bench.ts) run the same functions.
import { applyRange, countShown, filterMask, withRange, type FilterInputs, type MapFilter } from './map-filter.js';

/**
 * Computes masks for a sequence of filters over the same inputs. A brush changes only the range last set
 * (withRange puts it last): the mask of everything else is kept, so each brush move is one pass over one column.
 */
export class IncrementalMask {
  private base: { key: string; inputs: FilterInputs; mask: Uint8Array } | null = null;
  private readonly outputs = new Turns((n) => new Uint8Array(n));

  compute(filter: MapFilter, inputs: FilterInputs): Uint8Array {
    const last = filter.ranges.at(-1);
    const values = last && inputs.columns.get(last.column);
    if (!last || !values) return filterMask(filter, inputs);
    const key = `${last.column}\n${JSON.stringify(withRange(filter, last.column, null))}`;
    if (this.base?.key !== key || this.base.inputs !== inputs)
      this.base = { key, inputs, mask: filterMask(filter, inputs, undefined, last.column) };
    const out = this.outputs.next(inputs.count);
    out.set(this.base.mask);
    return applyRange(out, values, last.min, last.max);
  }
}

/**
 * Two buffers of one kind used in turn, grown only when the map grows: the answer handed out last stays intact (React
 * and deck.gl may still hold it) while the next is written, and a brush move allocates nothing, so a drag over a
 * million points makes no garbage to collect mid-drag.
 */
class Turns<T extends { length: number }> {
  private readonly buffers: T[] = [];
  private turn = 0;
  constructor(private readonly make: (length: number) => T) {}

  next(length: number): T {
    this.turn ^= 1;
    const held = this.buffers[this.turn];
    if (held?.length === length) return held;
    return (this.buffers[this.turn] = this.make(length));
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

interface GatherBuffers {
  length: number;
  rows: Uint32Array;
  positions: Float32Array;
  colours: Uint8Array;
  x: Float32Array;
  y: Float32Array;
}

function gatherBuffers(length: number): GatherBuffers {
  return {
    length,
    rows: new Uint32Array(length),
    positions: new Float32Array(length * 2),
    colours: new Uint8Array(length * 4),
    x: new Float32Array(length),
    y: new Float32Array(length),
  };
}

/** gatherShown into buffers kept between calls (two, used in turn): what the map calls on every brush move. */
export class ShownPointsGatherer {
  private readonly buffers = new Turns(gatherBuffers);

  gather(mask: Uint8Array, map: { x: Float32Array; y: Float32Array }, colours: Uint8Array): ShownPoints {
    return gatherShown(mask, map, colours, this.buffers.next(mask.length));
  }
}

/** `into`: buffers of at least the map's length to gather into (the answer's arrays are views of them). */
export function gatherShown(
  mask: Uint8Array,
  map: { x: Float32Array; y: Float32Array },
  colours: Uint8Array,
  into: GatherBuffers = gatherBuffers(mask.length),
): ShownPoints {
  const count = countShown(mask);
  const rows = into.rows.subarray(0, count);
  const positions = into.positions.subarray(0, count * 2);
  const shownColours = into.colours.subarray(0, count * 4);
  const x = into.x.subarray(0, count);
  const y = into.y.subarray(0, count);
  // Colours are read as one 32-bit word per point.
  const from32 = new Uint32Array(colours.buffer, colours.byteOffset, colours.length >> 2);
  const to32 = new Uint32Array(shownColours.buffer, shownColours.byteOffset, count);
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
