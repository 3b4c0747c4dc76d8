import type { SerendipProbe } from './probe-types.js';
// Read-only facts the end-to-end tests (and curious users, from the console) can query:
// where points are on screen, frame timings, queue latencies. Nothing here changes state.
declare global {
  interface Window {
    __serendipProbe?: SerendipProbe;
  }
}

export function probe(): SerendipProbe {
  window.__serendipProbe ??= {
    mapPoints: 0,
    mapPointsDrawn: 0,
    mapFrames: 0,
    mapFirstFrameMs: null,
    screenPositionOf: () => null,
    idAt: () => null,
    queueLatencies: [],
    queueCommitLatencies: [],
    selectedId: null,
    queueCurrent: null,
    mapMode: 'points',
    mapLayers: [],
    thumbnailRequests: 0,
    thumbnailRequestedIds: [],
    thumbnailRequestsCancelled: 0,
    thumbnailsDrawn: 0,
    mapMarked: null,
  };
  return window.__serendipProbe;
}
