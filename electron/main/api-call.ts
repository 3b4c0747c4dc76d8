// One IPC call, after the guard let it through: job methods start a job and answer
// `{ jobId }` at once, the others answer their result; every argument is validated against
// the contract by the core's dispatcher. Failures become data (CallReply, with the error's
// API code), never a throw.
import { dispatchFromTransport } from '../core/api/api-methods.js';
import type { SerendipApi } from '../core/api/contract.js';
import { errorReply } from '../core/api/errors.js';
import type { CallReply } from './ipc-channels.js';

export async function callApi(api: SerendipApi | null, method: string, args: unknown[]): Promise<CallReply> {
  if (!api) {
    return { ok: false, error: { name: 'NoWorkspaceError', message: 'no workspace is open', code: 'conflict' } };
  }
  try {
    return { ok: true, value: await dispatchFromTransport(api, method, args) };
  } catch (err) {
    return { ok: false, error: errorReply(err) };
  }
}
