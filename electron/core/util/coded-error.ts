// An error carrying an API error code as a plain field (see api/errors.ts errorCode), so core
// modules can say "conflict" or "not-found" without importing the api layer.
import type { ErrorCode } from '../api/contract-lists.js';

export function codedError(code: ErrorCode, message: string): Error {
  return Object.assign(new Error(message), { code });
}
