// A failed API call as the renderer sees it, over either transport: the message, and the
// API error code to branch on (not-found, conflict, ...; see the contract's ERROR_CODES).
import { isErrorCode, type ErrorCode } from '../../../electron/core/api/contract-lists.js';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: ErrorCode,
    /** Browser mode only: the HTTP status it came with. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** An IPC bridge rejection ({ name, message, code } as data, or an Error for a call it refused) as an ApiError. */
export function apiErrorFrom(thrown: unknown): ApiError {
  if (thrown instanceof ApiError) return thrown;
  const data = (typeof thrown === 'object' && thrown !== null ? thrown : {}) as { message?: unknown; code?: unknown };
  const message = typeof data.message === 'string' ? data.message : String(thrown);
  return new ApiError(message, isErrorCode(data.code) ? data.code : 'internal');
}
