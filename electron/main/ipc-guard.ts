// Who may call the API over IPC: only the main frame of the app's own window, showing a
// page of the app's own origin, and only with a known method and an argument array. The
// arguments themselves are validated against the contract by dispatch().
import { isApiMethod, type ApiMethodName } from '../core/api/api-methods.js';
import { APP_ORIGIN, isAppUrl } from './app-schemes.js';

/** What the guard needs to know about an IPC message's sender (from IpcMainInvokeEvent). */
export interface IpcSender {
  webContentsId: number;
  /** URL of the sending frame; null when the frame is gone (navigated or destroyed). */
  frameUrl: string | null;
  /** False for iframes: the app has none, so a message from one is foreign. */
  isMainFrame: boolean;
}

/** The window allowed to call, or null while there is none. */
export interface TrustedWindow {
  webContentsId: number;
}

export type IpcVerdict = { allowed: true; method: ApiMethodName; args: unknown[] } | { allowed: false; reason: string };

export function checkIpcCall(
  sender: IpcSender,
  trusted: TrustedWindow | null,
  method: unknown,
  args: unknown,
): IpcVerdict {
  if (!trusted || sender.webContentsId !== trusted.webContentsId)
    return { allowed: false, reason: 'sender is not the app window' };
  if (!sender.isMainFrame) return { allowed: false, reason: 'sender is not the main frame' };
  if (sender.frameUrl === null || !isAppUrl(sender.frameUrl))
    return { allowed: false, reason: `sender page is not on ${APP_ORIGIN}` };
  if (typeof method !== 'string' || !isApiMethod(method))
    return { allowed: false, reason: `unknown method ${JSON.stringify(String(method)).slice(0, 80)}` };
  if (!Array.isArray(args)) return { allowed: false, reason: 'arguments must be an array' };
  return { allowed: true, method, args };
}
