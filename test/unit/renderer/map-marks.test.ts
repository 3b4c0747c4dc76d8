// The objects the map keeps in sight at every zoom: each row once, as its most important
// kind (selected > selection > queued > labelled), drawn in that order so the most
// important lie on top.
import { describe, expect, it } from 'vitest';
import { markAttributes, markedRows, MARK_STYLES } from '../../../renderer/src/views/map/map-marks.js';

const map = {
  count: 6,
  ids: Float64Array.from([10, 11, 12, 13, 14, 15]),
  x: Float32Array.from([0, 1, 2, 3, 4, 5]),
  y: Float32Array.from([5, 4, 3, 2, 1, 0]),
};
const labels = Uint8Array.from([1, 0, 2, 0, 1, 0]);

describe('map marks', () => {
  it('marks labelled, queued, selection and selected rows, most important last', () => {
    const marked = markedRows(map, labels, { selectedId: 12, boxed: new Set([14]), queued: new Set([11, 12, 13]) });
    expect(marked.rows).toEqual([0, 1, 3, 4, 2]);
    expect(marked.kinds).toEqual(['labelled', 'queued', 'queued', 'boxed', 'selected']);
    expect(marked.counts).toEqual({ labelled: 1, queued: 2, boxed: 1, selected: 1 });
  });

  it('marks the labelled rows alone when nothing else is marked', () => {
    const marked = markedRows(map, labels, { selectedId: null, boxed: new Set(), queued: new Set() });
    expect(marked.rows).toEqual([0, 2, 4]);
    expect(marked.counts.queued).toBe(0);
  });

  it("draws a row in its own colour inside its kind's ring, or as a hollow ring for the queue", () => {
    const colours = new Uint8Array(6 * 4).fill(100);
    const marked = markedRows(map, new Uint8Array(6), { selectedId: 13, boxed: new Set(), queued: new Set([15]) });
    const { pos, fill, line, radius, lineWidth } = markAttributes(map, colours, marked);
    expect([...pos]).toEqual([5, 0, 3, 2]);
    expect([...fill]).toEqual([100, 100, 100, 0, 100, 100, 100, 255]);
    expect([...line]).toEqual([...MARK_STYLES.queued.line, ...MARK_STYLES.selected.line]);
    expect([...radius]).toEqual([MARK_STYLES.queued.radius, MARK_STYLES.selected.radius]);
    expect([...lineWidth]).toEqual([MARK_STYLES.queued.lineWidth, MARK_STYLES.selected.lineWidth]);
  });
});
