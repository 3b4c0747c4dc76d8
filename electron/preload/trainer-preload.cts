// The GPU window's preload: it hands each model task's MessagePort, which the main process sends
// over IPC, to the page (trainer.html) as a message to the page's own window. That is all it
// does; the page gets no bridge, no ipcRenderer and no Node.
//
// CommonJS on purpose (.cts compiles to trainer-preload.cjs): Electron runs a sandboxed preload as
// a plain script with a small `require`. The literals below are checked against the main
// process's channel and the page's message through their types.
import { ipcRenderer } from 'electron';
import type { MODEL_TASK_PORT_CHANNEL as MainPortChannel } from '../main/gpu-window-options.js';
import type { MODEL_TASK_PORT_MESSAGE as PageTag } from '../core/discovery/embeddings/learned/model-job-protocol.js';

const MODEL_TASK_PORT_CHANNEL: typeof MainPortChannel = 'serendip:model-task-port';
const MODEL_TASK_PORT_MESSAGE: typeof PageTag = 'serendip:model-task-port';

/** The part of ipcRenderer used here (a fake in tests). */
export interface PortIpc {
  on(channel: string, listener: (event: { ports: readonly unknown[] }) => void): unknown;
}

/** The page's window as seen from the preload's isolated world. */
export interface PortTarget {
  location: { origin: string };
  postMessage(message: string, targetOrigin: string, transfer: unknown[]): void;
}

export function forwardModelTaskPorts(ipc: PortIpc, target: PortTarget): void {
  ipc.on(MODEL_TASK_PORT_CHANNEL, (event) => {
    if (event.ports.length !== 1) return;
    // To this window only: the page checks that the message came from itself.
    target.postMessage(MODEL_TASK_PORT_MESSAGE, target.location.origin, [event.ports[0]]);
  });
}

forwardModelTaskPorts(ipcRenderer, globalThis as unknown as PortTarget);
