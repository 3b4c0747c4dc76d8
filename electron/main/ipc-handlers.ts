// The main side of the bridge: the single invoke channel, guarded, and job events pushed to
// the window. Thin on purpose; the decisions live in ipc-guard.ts and api-call.ts.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { SerendipApi } from '../core/api/contract.js';
import type { JobEvent } from '../core/api/view-types.js';
import { callApi } from './api-call.js';
import { checkIpcCall, type IpcSender } from './ipc-guard.js';
import { CALL_CHANNEL, JOB_EVENT_CHANNEL, type CallReply } from './ipc-channels.js';

export interface IpcDependencies {
  /** The app window, the only one allowed to call. */
  window(): BrowserWindow | null;
  /** The open workspace's API, or null. */
  api(): SerendipApi | null;
}

function senderOf(event: IpcMainInvokeEvent): IpcSender {
  const frame = event.senderFrame;
  return {
    webContentsId: event.sender.id,
    frameUrl: frame?.url ?? null,
    isMainFrame: frame !== null && frame.parent === null,
  };
}

/** Installs the handler; returns its removal. */
export function handleApiCalls(deps: IpcDependencies): () => void {
  ipcMain.handle(CALL_CHANNEL, async (event, method: unknown, args: unknown): Promise<CallReply> => {
    const window = deps.window();
    const trusted = window && !window.isDestroyed() ? { webContentsId: window.webContents.id } : null;
    const verdict = checkIpcCall(senderOf(event), trusted, method, args);
    if (!verdict.allowed) {
      console.warn(`serendip: refused an IPC call: ${verdict.reason}`);
      return { ok: false, error: { name: 'IpcRefused', message: `refused: ${verdict.reason}`, code: 'bad-request' } };
    }
    return callApi(deps.api(), verdict.method, verdict.args);
  });
  return () => ipcMain.removeHandler(CALL_CHANNEL);
}

export function sendJobEvent(window: BrowserWindow | null, event: JobEvent): void {
  if (window && !window.isDestroyed()) window.webContents.send(JOB_EVENT_CHANNEL, event);
}
