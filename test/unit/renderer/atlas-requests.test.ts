// The zoomed-in map's atlas requests: those whose objects all left the screen before they
// arrived are cancelled, freeing their slots for the current view at once; those still
// partly on screen are kept; ids of a cancelled request are asked for again when back.
import { describe, expect, it } from 'vitest';
import { ATLAS_BATCH, AtlasRequests } from '../../../renderer/src/views/map/atlas-requests.js';

/** A loader whose requests stay in flight until aborted (then reject, as fetch does). */
function hangingLoader() {
  const sent: { ids: number[]; signal: AbortSignal }[] = [];
  const load = (ids: number[], signal: AbortSignal) => {
    sent.push({ ids, signal });
    return new Promise<void>((_resolve, reject) =>
      signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
    );
  };
  return { load, sent };
}

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
const unknown = () => false;
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('thumbnail atlas requests', () => {
  it('cancels requests for objects no longer on screen and asks for the new view at once', async () => {
    const { load, sent } = hangingLoader();
    const requests = new AtlasRequests(load);
    requests.want(range(1, 100), unknown);
    // Two batches in flight (64 + 36), the most allowed at once.
    expect(sent.map((r) => r.ids.length)).toEqual([ATLAS_BATCH, 36]);
    requests.want(range(1000, 10), unknown); // panned far away
    expect(sent.slice(0, 2).map((r) => r.signal.aborted)).toEqual([true, true]);
    expect(requests.cancelled).toBe(2);
    // The freed slots go to the new view without waiting for the old answers.
    expect(sent.length).toBe(3);
    expect(sent[2].ids).toEqual(range(1000, 10));
    expect(sent[2].signal.aborted).toBe(false);
    await flush();
    // Back where it was: the cancelled ids are asked for again.
    requests.want(range(1, 5), unknown);
    expect(sent[2].signal.aborted).toBe(true);
    expect(sent.at(-1)!.ids).toEqual(range(1, 5));
  });

  it('keeps a request that still has an object on screen, and asks only for what is not known', () => {
    const { load, sent } = hangingLoader();
    const requests = new AtlasRequests(load);
    requests.want(range(1, 100), unknown);
    requests.want([70, ...range(500, 4)], (id) => id === 503); // 70 is in the second batch; 503 is cached
    expect(sent[0].signal.aborted).toBe(true);
    expect(sent[1].signal.aborted).toBe(false);
    expect(sent[2].ids).toEqual(range(500, 3));
    expect(requests.cancelled).toBe(1);
  });

  it('sends the next batch when one arrives, and cancels everything when thumbnails are no longer wanted', async () => {
    const answers: (() => void)[] = [];
    const sent: { ids: number[]; signal: AbortSignal }[] = [];
    const requests = new AtlasRequests((ids, signal) => {
      sent.push({ ids, signal });
      return new Promise<void>((resolve, reject) => {
        answers.push(resolve);
        signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    });
    requests.want(range(1, 200), unknown);
    expect(sent.length).toBe(2);
    answers[0]();
    await flush();
    expect(sent.map((r) => r.ids[0])).toEqual([1, 65, 129]);
    requests.want([], unknown);
    expect(sent.map((r) => r.signal.aborted)).toEqual([false, true, true]);
    requests.want(range(300, 3), unknown);
    requests.dispose();
    expect(sent.at(-1)!.signal.aborted).toBe(true);
  });
});
