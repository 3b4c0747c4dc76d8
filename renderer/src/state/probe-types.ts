// The shape of window.__serendipProbe (test-hooks.ts), DOM-free so Node-side tests can import it.
export interface SerendipProbe {
  mapPoints: number;
  /** Points the map draws after its filter (all of mapPoints when none is set). */
  mapPointsDrawn: number;
  mapFrames: number;
  /** ms from handing deck.gl new data to the frame that drew it. */
  mapFirstFrameMs: number | null;
  /**
   * Screen position (CSS px, page coordinates) of map point `index`, or null if not drawn (or not yet drawn at the
   * map's current size).
   */
  screenPositionOf: (index: number) => [number, number] | null;
  idAt: (index: number) => number | null;
  /** ms from each queue keypress to the start of the frame that shows the next object. */
  queueLatencies: number[];
  /** ms from each queue keypress to the next object in the DOM (React commit). */
  queueCommitLatencies: number[];
  selectedId: number | null;
  /** How the map draws now: 'points', 'thumbnails' (zoomed in) or 'density' (zoomed out). */
  mapMode: string;
  /** Ids of the deck.gl layers in the map's last render. */
  mapLayers: string[];
  /** Thumbnail atlas requests made by the map, and every object id they asked for. */
  thumbnailRequests: number;
  thumbnailRequestedIds: number[];
  /** Atlas requests cancelled because their objects left the screen before they arrived. */
  thumbnailRequestsCancelled: number;
  /** Thumbnails drawn in the map's last render. */
  thumbnailsDrawn: number;
  /**
   * Marked objects (labelled, queued, box selection, selected) drawn over the map in its last render; null without a
   * map.
   */
  mapMarked: Record<'labelled' | 'queued' | 'boxed' | 'selected', number> | null;
  queueCurrent: string | null;
}
