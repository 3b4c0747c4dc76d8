// The hidden GPU window's options and address. It runs the learned models on WebGPU or WebGL
// (Electron's Node has neither), so it gets the main window's hardening unchanged: sandboxed,
// isolated, no Node anywhere, the app's own page only and its CSP (protocol-handlers.ts serves
// trainer.html like index.html). Electron-free, so a test can assert every flag.
import type { BrowserWindowConstructorOptions } from 'electron';
import { APP_ORIGIN } from './app-schemes.js';
import { secureWebPreferences } from './window-options.js';

export const TRAINER_URL = `${APP_ORIGIN}/trainer.html`;

/** The channel on which the main process hands a model task's MessagePort to the window's preload. */
export const MODEL_TASK_PORT_CHANNEL = 'serendip:model-task-port';

export interface GpuWindowSettings {
  /** Absolute path of the compiled preload (dist/electron/preload/trainer-preload.cjs). */
  preloadPath: string;
  /** Unpackaged runs only: devtools available. */
  development: boolean;
}

export function gpuWindowOptions(settings: GpuWindowSettings): BrowserWindowConstructorOptions {
  return {
    title: 'Serendip GPU worker',
    // Never shown: it only computes.
    show: false,
    skipTaskbar: true,
    width: 320,
    height: 240,
    webPreferences: {
      ...secureWebPreferences({ preloadPath: settings.preloadPath, apiMethods: [], development: settings.development }),
      // It calls no API: its preload needs no method names.
      additionalArguments: [],
      // A hidden window is throttled like a background tab; a training run must not be.
      backgroundThrottling: false,
    },
  };
}
