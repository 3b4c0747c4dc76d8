// The bridge between the sandboxed page and the main process: `window.serendip` with exactly
// two functions, `call` and `onJobEvent`. No ipcRenderer, no channel names, no Node reach the page.
//
// CommonJS on purpose (.cts compiles to preload.cjs): Electron runs a sandboxed preload as a
// plain script with a small `require` (electron, events, timers, url), so it can be neither
// an ES module nor load local files at runtime. Everything it needs is in this one file:
// the API's method names arrive on its command line (webPreferences.additionalArguments,
// built from API_METHODS in the main process), and the channel literals below are checked
// against electron/main/ipc-channels.ts through their types. The main process validates
// everything again; this early check only keeps junk off the channel.
import { contextBridge, ipcRenderer } from 'electron';
import type {
  API_METHODS_SWITCH as MainApiMethodsSwitch,
  CALL_CHANNEL as MainCallChannel,
  CallReply,
  JOB_EVENT_CHANNEL as MainJobEventChannel,
} from '../main/ipc-channels.js';
import type { JobEvent } from '../core/api/view-types.js';

const CALL_CHANNEL: typeof MainCallChannel = 'serendip:call';
const JOB_EVENT_CHANNEL: typeof MainJobEventChannel = 'serendip:job-event';
const API_METHODS_SWITCH: typeof MainApiMethodsSwitch = '--serendip-api-methods=';

/** What the page sees as `window.serendip`. */
export interface SerendipBridge {
  /**
   * Calls one API method with positional arguments. A failed call rejects with the main
   * process's error as plain data ({ name, message, code }): the bridge would copy an Error
   * as its message alone, and the page needs the API error code too.
   */
  call(method: string, args: unknown[]): Promise<unknown>;
  /** Subscribes to job events; returns the unsubscribe function. */
  onJobEvent(callback: (event: JobEvent) => void): () => void;
}

/** The part of ipcRenderer the bridge uses (a fake in tests). */
export interface BridgeIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

/** The method names on the command line; none (so every call is refused) when the switch is missing. */
export function apiMethodsFromArgv(argv: readonly string[]): ReadonlySet<string> {
  const arg = argv.find((a) => a.startsWith(API_METHODS_SWITCH));
  return new Set(
    arg
      ? arg
          .slice(API_METHODS_SWITCH.length)
          .split(',')
          .filter((m) => m.length > 0)
      : [],
  );
}

function isCallReply(value: unknown): value is CallReply {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

export function createSerendipBridge(ipc: BridgeIpc, methods: ReadonlySet<string>): SerendipBridge {
  return {
    async call(method: string, args: unknown[]): Promise<unknown> {
      if (typeof method !== 'string' || !methods.has(method)) throw new Error(`unknown API method "${String(method)}"`);
      if (!Array.isArray(args)) throw new TypeError(`arguments of ${method} must be an array`);
      const reply = await ipc.invoke(CALL_CHANNEL, method, args);
      if (!isCallReply(reply)) throw new Error(`malformed reply to ${method}`);
      if (!reply.ok) throw { name: reply.error.name, message: reply.error.message, code: reply.error.code };
      return reply.value;
    },
    onJobEvent(callback: (event: JobEvent) => void): () => void {
      if (typeof callback !== 'function') throw new TypeError('onJobEvent needs a function');
      // The IpcRendererEvent (sender, ports) stays here: the page gets the payload only.
      const listener = (_event: unknown, payload: unknown): void => callback(payload as JobEvent);
      ipc.on(JOB_EVENT_CHANNEL, listener);
      return () => {
        ipc.removeListener(JOB_EVENT_CHANNEL, listener);
      };
    },
  };
}

contextBridge.exposeInMainWorld('serendip', createSerendipBridge(ipcRenderer, apiMethodsFromArgv(process.argv)));
