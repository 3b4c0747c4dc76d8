// The desktop app's hidden GPU window, where the learned models train and encode on WebGPU
// (else WebGL): Electron's Node cannot load Dawn, and an Electron utilityProcess has no Blink,
// so it must be a window. Made on the first model task, reused after, closed on quit. Each task
// gets a MessageChannelMain of its own: one end goes to the page (through its preload,
// trainer-preload.cts), the other becomes the core's PageChannel (model-task-host.ts), which
// registers this window with core (core never imports Electron).
import { BrowserWindow, MessageChannelMain, type MessagePortMain, type WebContents } from 'electron';
import type { HostMessage, PageMessage } from '../core/discovery/embeddings/learned/model-job-protocol.js';
import type { ModelTaskPage, PageChannel } from '../core/discovery/embeddings/learned/model-task-host.js';
import {
  MODEL_TASK_PORT_CHANNEL,
  TRAINER_URL,
  gpuWindowOptions,
  type GpuWindowSettings,
} from './gpu-window-options.js';

export class GpuWindow implements ModelTaskPage {
  private window: BrowserWindow | null = null;
  private loading: Promise<BrowserWindow> | null = null;

  constructor(private readonly settings: GpuWindowSettings) {}

  async open(): Promise<PageChannel> {
    const window = await this.loaded();
    const { port1, port2 } = new MessageChannelMain();
    window.webContents.postMessage(MODEL_TASK_PORT_CHANNEL, null, [port2]);
    return portChannel(port1, window.webContents);
  }

  /** Closes the window (a task in it fails); the next task makes a new one. */
  close(): void {
    const window = this.window;
    this.window = null;
    this.loading = null;
    if (window && !window.isDestroyed()) window.destroy();
  }

  /** The window with its page loaded (its script listens for ports once loaded). */
  private loaded(): Promise<BrowserWindow> {
    if (this.loading && this.window && !this.window.isDestroyed()) return this.loading;
    const window = new BrowserWindow(gpuWindowOptions(this.settings));
    this.window = window;
    window.on('closed', () => {
      if (this.window !== window) return;
      this.window = null;
      this.loading = null;
    });
    // A crashed page takes no more tasks: the next gets a new window. It goes once the tasks'
    // own listeners have told them why they failed.
    window.webContents.on('render-process-gone', () => {
      if (this.window !== window) return;
      this.window = null;
      this.loading = null;
      queueMicrotask(() => window.destroy());
    });
    const loading = window.loadURL(TRAINER_URL).then(
      () => window,
      (error: unknown) => {
        if (this.window === window) this.close();
        throw error;
      },
    );
    this.loading = loading;
    return loading;
  }
}

function portChannel(port: MessagePortMain, contents: WebContents): PageChannel {
  const closeListeners: ((reason: string) => void)[] = [];
  const closed = (reason: string): void => {
    for (const listener of closeListeners.splice(0)) listener(reason);
  };
  const onGone = (_event: unknown, details: { reason: string }): void =>
    closed(`the GPU window's page stopped (${details.reason}); run the task again`);
  const onDestroyed = (): void => closed('the GPU window closed; run the task again');
  contents.on('render-process-gone', onGone);
  contents.once('destroyed', onDestroyed);
  port.on('close', () => closed("the GPU window dropped the task's channel; run the task again"));
  port.start();
  return {
    // Between processes every buffer is copied; MessagePortMain moves only ports.
    post: (message: HostMessage) => port.postMessage(message),
    onMessage: (listener) => port.on('message', (event) => listener(event.data as PageMessage)),
    onClose: (listener) => void closeListeners.push(listener),
    close: () => {
      contents.off('render-process-gone', onGone);
      contents.off('destroyed', onDestroyed);
      closeListeners.length = 0;
      port.close();
    },
  };
}
