// Which thumbnail-atlas requests go out, and which are withdrawn. The zoomed-in map asks
// for the objects on screen in batches of up to 64, a couple at a time. When the view
// moves on, batches not yet sent are dropped, and a request in flight whose objects have
// all left the screen is cancelled (AbortController): its slot goes at once to the new
// view, so panning and zooming never leave a queue of stale requests ahead of it.
// DOM-free: the loading itself (the API call, decoding) is the owner's callback.

/** Objects per atlas request (the API's limit). */
export const ATLAS_BATCH = 64;
/** Atlas requests in flight at once: enough to fill a screen quickly, few enough to keep the server responsive. */
const MAX_IN_FLIGHT = 2;

/** Loads one batch; must give up (reject or return) once `signal` is aborted, keeping nothing. */
export type AtlasLoader = (ids: number[], signal: AbortSignal) => Promise<void>;

interface AtlasRequest {
  ids: number[];
  controller: AbortController;
}

export class AtlasRequests {
  /** Ids waiting to be sent or on their way. */
  private readonly pending = new Set<number>();
  private readonly waiting: number[][] = [];
  private readonly inFlight = new Set<AtlasRequest>();
  private disposed = false;
  /** Requests made, every id they asked for, and requests cancelled (the test probe reads these). */
  readonly requestedIds: number[] = [];
  requests = 0;
  cancelled = 0;

  constructor(private readonly load: AtlasLoader) {}

  /**
   * The objects on screen now; `known(id)`: its thumbnail (or its lack of one) is already
   * known. Asks for the rest, and cancels requests for none of `visible`: `want([])`
   * cancels everything.
   */
  want(visible: number[], known: (id: number) => boolean): void {
    const onScreen = new Set(visible);
    for (const request of this.inFlight) if (!request.ids.some((id) => onScreen.has(id))) this.cancel(request);
    const missing = visible.filter((id) => !known(id) && !this.pending.has(id));
    // A newer view supersedes batches still waiting to be sent.
    this.waiting.length = 0;
    for (let i = 0; i < missing.length; i += ATLAS_BATCH) this.waiting.push(missing.slice(i, i + ATLAS_BATCH));
    for (const id of missing) this.pending.add(id);
    this.pump();
  }

  dispose(): void {
    this.disposed = true;
    this.waiting.length = 0;
    for (const request of this.inFlight) request.controller.abort();
    this.inFlight.clear();
  }

  /** Withdraws a request at once: its slot and its ids are free for the current view. */
  private cancel(request: AtlasRequest): void {
    this.inFlight.delete(request);
    for (const id of request.ids) this.pending.delete(id);
    request.controller.abort();
    this.cancelled++;
  }

  private pump(): void {
    while (!this.disposed && this.inFlight.size < MAX_IN_FLIGHT && this.waiting.length) {
      const ids = this.waiting.shift()!.filter((id) => this.pending.has(id));
      if (ids.length) void this.send(ids);
    }
    // Ids dropped from the waiting list (superseded views) may be asked for again later.
    if (this.inFlight.size === 0) this.pending.clear();
  }

  private async send(ids: number[]): Promise<void> {
    const request: AtlasRequest = { ids, controller: new AbortController() };
    this.inFlight.add(request);
    this.requests++;
    this.requestedIds.push(...ids);
    try {
      await this.load(ids, request.controller.signal);
    } catch {
      // A failed or cancelled batch leaves its objects as points; they are asked for again on the next view change.
    } finally {
      // A cancelled request gave its slot and ids back already (cancel()).
      if (this.inFlight.delete(request)) {
        for (const id of ids) this.pending.delete(id);
        this.pump();
      }
    }
  }
}
