// Coded errors: the service throws them and every transport passes the code on (browser mode
// as an HTTP status and a `code` field, IPC in its reply), so no shell guesses from names.
import { ZodError } from 'zod';
import { isErrorCode, type ErrorCode } from './contract-lists.js';

export class SerendipError extends Error {
  override name = 'SerendipError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The code of anything thrown. An error outside the api layer may carry one as a plain
 * `code` field (so its module need not import this one); zod refusals are bad requests;
 * anything else is internal.
 */
export function errorCodeOf(err: unknown): ErrorCode {
  if (err instanceof ZodError) return 'bad-request';
  const code = (err as { code?: unknown } | null)?.code;
  return isErrorCode(code) ? code : 'internal';
}

/** What a transport sends for a failed call. */
export interface ErrorReply {
  name: string;
  message: string;
  code: ErrorCode;
}

export function errorReply(err: unknown): ErrorReply {
  const error = err instanceof Error ? err : new Error(String(err));
  return { name: error.name, message: error.message, code: errorCodeOf(err) };
}
