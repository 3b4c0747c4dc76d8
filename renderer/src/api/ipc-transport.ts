// The Electron transport: calls go through the preload's `window.serendip` bridge.
import type { JobEvent } from '../../../electron/core/api/view-types.js';
import { apiErrorFrom } from './api-error.js';
import { decodeBinaryFrame, isBinaryFrame } from './binary-frame.js';
import { IPC_FILE_ORIGIN, encodePath, type SerendipBridge, type Transport } from './transport.js';

/** IPC invocations cannot be withdrawn: an abort settles the caller's promise now and drops the answer. */
function abortable<T>(pending: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return pending;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    pending.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export class IpcTransport implements Transport {
  readonly kind = 'ipc' as const;

  constructor(private readonly bridge: SerendipBridge) {}

  async call(method: string, args: unknown[], options: { signal?: AbortSignal } = {}): Promise<unknown> {
    const reply = this.bridge.call(method, args).catch((err: unknown) => {
      throw apiErrorFrom(err);
    });
    const result = await abortable(reply, options.signal);
    // The main process may send column results as a binary frame (see transport.ts).
    if (result instanceof ArrayBuffer) return decodeBinaryFrame(result);
    if (result instanceof Uint8Array && isBinaryFrame(result)) return decodeBinaryFrame(result);
    return result;
  }

  onJobEvent(listener: (event: JobEvent) => void): () => void {
    const off = this.bridge.onJobEvent(listener);
    return typeof off === 'function' ? off : () => {};
  }

  fileUrl(relativePath: string): string {
    return IPC_FILE_ORIGIN + encodePath(relativePath);
  }
}
