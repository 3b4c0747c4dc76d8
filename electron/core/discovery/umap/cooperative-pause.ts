// Long synchronous stages that run on the caller's thread (spectral start, single-threaded
// optimisation) call a pause every so often: it yields to the event loop once enough time
// has passed, so that progress reports go out and an abort is noticed. It rejects with the
// signal's reason (an AbortError) as soon as the run has been aborted.
import { performance } from 'node:perf_hooks';

export type Pause = () => Promise<void>;

/** Long enough to make the yields cheap, short enough that cancelling feels immediate. */
const YIELD_EVERY_MS = 40;

export function createPause(signal?: AbortSignal): Pause {
  let lastYield = performance.now();
  return async () => {
    signal?.throwIfAborted();
    if (performance.now() - lastYield < YIELD_EVERY_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    signal?.throwIfAborted();
    lastYield = performance.now();
  };
}
