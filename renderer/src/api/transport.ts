// How the renderer reaches the API. Two implementations share this interface:
//  - IpcTransport (Electron): the preload exposes `window.serendip` (see SerendipBridge);
//  - HttpTransport (browser mode): POST /api/call + a WebSocket for job events.
// `selectTransport()` (select-transport.ts) picks IPC when the bridge exists, else HTTP.
//
// Results: plain JSON values, except that views' column data (map, pixels) holds typed
// arrays. Over HTTP they arrive as one application/octet-stream frame (binary-frame.ts);
// over IPC either as structured-cloned typed arrays or as the same frame in an
// ArrayBuffer/Uint8Array: both are accepted and decoded to the same object.
import type { JobEvent } from '../../../electron/core/api/view-types.js';

export interface Transport {
  /** Which transport this is, for diagnostics. */
  readonly kind: 'ipc' | 'http';
  /**
   * Calls one API method (see electron/core/api/api-methods.ts) with positional arguments.
   * Job methods resolve to `{ jobId }` at once. An aborted `signal` rejects the call with an
   * AbortError (over HTTP the request is dropped too; over IPC only the answer is ignored).
   */
  call(method: string, args: unknown[], options?: { signal?: AbortSignal }): Promise<unknown>;
  /** Job progress and completion events; returns an unsubscribe function. */
  onJobEvent(listener: (event: JobEvent) => void): () => void;
  /** URL of a workspace file (thumbnail, source image) by its stored relative path. */
  fileUrl(relativePath: string): string;
}

/**
 * What electron/preload exposes as `window.serendip` (contextBridge). Workspace files are
 * served by the main process at `serendip-file://workspace/<relative path>`.
 */
export interface SerendipBridge {
  call(method: string, args: unknown[]): Promise<unknown>;
  onJobEvent(listener: (event: JobEvent) => void): (() => void) | void;
}

declare global {
  interface Window {
    serendip?: SerendipBridge;
  }
}

export const IPC_FILE_ORIGIN = 'serendip-file://workspace/';

/** Encodes each segment of a relative path for a URL, keeping the slashes. */
export function encodePath(relativePath: string): string {
  return relativePath.split('/').map(encodeURIComponent).join('/');
}
