// The IPC surface between the preload and the main process: two channels and the way the
// API's method names reach the sandboxed preload. The preload (a self-contained CommonJS
// file) repeats these literals; its types are checked against the ones below.
import type { ErrorReply } from '../core/api/errors.js';

/** renderer → main: `invoke(CALL_CHANNEL, method, args)` answered with a CallReply. */
export const CALL_CHANNEL = 'serendip:call';
/** main → renderer: one JobEvent (electron/core/api/view-types.ts) per message. */
export const JOB_EVENT_CHANNEL = 'serendip:job-event';
/** Command-line switch, passed with webPreferences.additionalArguments, listing the API's method names. */
export const API_METHODS_SWITCH = '--serendip-api-methods=';

/**
 * Errors travel as data, so the renderer sees the message itself, not Electron's "Error
 * invoking remote method" wrapper, and the API error code (which a thrown Error would lose).
 */
export type CallReply = { ok: true; value: unknown } | { ok: false; error: ErrorReply };

export function apiMethodsArgument(methods: readonly string[]): string {
  return API_METHODS_SWITCH + methods.join(',');
}
