import { describe, expect, it } from 'vitest';
import { dispatch, isApiMethod } from '../../../electron/core/api/api-methods.js';
import type { SerendipApi } from '../../../electron/core/api/contract.js';

function recordingApi(calls: unknown[][]): SerendipApi {
  return new Proxy({} as SerendipApi, {
    get:
      (_target, method) =>
      (...args: unknown[]) => {
        calls.push([method, ...args]);
        return { ok: true };
      },
  });
}

describe('API dispatch', () => {
  it('validates arguments, applies defaults and passes job options only to jobs', async () => {
    const calls: unknown[][] = [];
    const api = recordingApi(calls);
    const options = { onProgress: () => undefined };
    await dispatch(api, 'label', [{ name: 'g1', label: 'lens' }], options);
    await dispatch(api, 'rank', [{}], options);
    expect(calls[0]).toEqual(['label', { name: 'g1', label: 'lens', relevance: null, note: null }]);
    expect(calls[1]).toEqual(['rank', { method: 'ensemble', seed: 0 }, options]);
  });

  it('refuses unknown methods and malformed arguments before calling anything', async () => {
    const calls: unknown[][] = [];
    const api = recordingApi(calls);
    await expect(dispatch(api, 'close', [])).rejects.toThrow(/unknown method "close"/);
    await expect(dispatch(api, '__proto__', [])).rejects.toThrow(/unknown method/);
    await expect(dispatch(api, 'label', [{ name: 'g1', label: 'lens', relevance: 9 }])).rejects.toThrow(
      /invalid arguments for label: 0.relevance/,
    );
    await expect(dispatch(api, 'similar', [[]])).rejects.toThrow(/invalid arguments for similar/);
    expect(calls).toEqual([]);
    expect(isApiMethod('status')).toBe(true);
    expect(isApiMethod('toString')).toBe(false);
  });
});
