import { describe, expect, it } from 'vitest';
import { encodeBinaryFrame, holdsTypedArrays } from '../../../electron/core/api/binary-frame.js';
import { decodeBinaryFrame } from '../../../renderer/src/api/binary-frame.js';

describe('binary frames', () => {
  it('round-trips nested typed arrays of every dtype, aligned, with the JSON around them', () => {
    const value = {
      runId: 'map-1',
      count: 3,
      nothing: null,
      x: new Float32Array([1.5, -2, 3]),
      ids: new Float64Array([1, 2, 2 ** 40]),
      code: new Uint8Array([0, 1, 255]),
      cat: new Uint16Array([7]),
      big: new Uint32Array([4e9]),
      neg: new Int32Array([-5, 5]),
      nested: [{ y: new Float32Array([NaN]) }],
      names: ['lens'],
    };
    expect(holdsTypedArrays(value)).toBe(true);
    expect(holdsTypedArrays({ a: [1, 2], b: 'x' })).toBe(false);
    const frame = encodeBinaryFrame(value);
    const decoded = decodeBinaryFrame(frame.buffer as ArrayBuffer) as typeof value;
    expect(decoded.runId).toBe('map-1');
    expect(decoded.nothing).toBeNull();
    expect(decoded.names).toEqual(['lens']);
    expect([...decoded.x]).toEqual([1.5, -2, 3]);
    expect([...decoded.ids]).toEqual([1, 2, 2 ** 40]);
    expect([...decoded.code]).toEqual([0, 1, 255]);
    expect([...decoded.cat]).toEqual([7]);
    expect([...decoded.big]).toEqual([4e9]);
    expect([...decoded.neg]).toEqual([-5, 5]);
    expect(Number.isNaN(decoded.nested[0].y[0])).toBe(true);
    for (const a of [decoded.x, decoded.ids, decoded.neg]) expect(a.byteOffset % 8).toBe(0);
  });

  it('decodes a frame handed over as an unaligned Uint8Array view', () => {
    const frame = encodeBinaryFrame({ v: new Float64Array([3.25]) });
    const shifted = new Uint8Array(frame.length + 3);
    shifted.set(frame, 3);
    const decoded = decodeBinaryFrame(shifted.subarray(3)) as { v: Float64Array };
    expect([...decoded.v]).toEqual([3.25]);
  });

  it('refuses bytes that are not a frame', () => {
    expect(() => decodeBinaryFrame(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).toThrow(/not a binary frame/);
  });
});
