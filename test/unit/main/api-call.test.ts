// The IPC side of coded errors: the main process replies with the error's API code, and the
// renderer's IPC transport turns the bridge's rejection back into an ApiError with that code.
import { describe, expect, it } from 'vitest';
import type { SerendipApi } from '../../../electron/core/api/contract.js';
import { SerendipError } from '../../../electron/core/api/errors.js';
import { callApi } from '../../../electron/main/api-call.js';
import { ApiError } from '../../../renderer/src/api/api-error.js';
import { IpcTransport } from '../../../renderer/src/api/ipc-transport.js';

const failing = {
  objectDetails: () => {
    throw new SerendipError('not-found', 'no object with id 7');
  },
} as unknown as SerendipApi;

describe('IPC calls', () => {
  it('reply with the code of a failure, and bad-request for malformed arguments', async () => {
    expect(await callApi(failing, 'objectDetails', [7])).toEqual({
      ok: false,
      error: { name: 'SerendipError', message: 'no object with id 7', code: 'not-found' },
    });
    const malformed = await callApi(failing, 'objectDetails', ['seven']);
    expect(malformed).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await callApi(null, 'status', [])).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('reach the renderer as an ApiError with the code', async () => {
    const reply = await callApi(failing, 'objectDetails', [7]);
    const bridge = {
      // What the preload does with a failed reply: reject with the error as plain data.
      call: async () => {
        throw (reply as { error: unknown }).error;
      },
      onJobEvent: () => () => undefined,
    };
    const error = await new IpcTransport(bridge).call('objectDetails', [7]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ message: 'no object with id 7', code: 'not-found' });
  });
});
