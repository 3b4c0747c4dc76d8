// The main window's options. Every security-relevant flag is spelled out, even where it is
// Electron's default, so a test can assert each one and a future default change cannot
// loosen them silently.
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { apiMethodsArgument } from './ipc-channels.js';

export interface WindowSettings {
  /** Absolute path of the compiled preload (dist/electron/preload/preload.cjs). */
  preloadPath: string;
  /** API method names the preload lets through (Object.keys(API_METHODS)). */
  apiMethods: readonly string[];
  /** Unpackaged runs only: devtools available. */
  development: boolean;
}

export function secureWebPreferences(settings: WindowSettings): WebPreferences {
  return {
    preload: settings.preloadPath,
    // The page and the preload live in separate JavaScript worlds; only contextBridge crosses.
    contextIsolation: true,
    // The renderer process is OS-sandboxed; the preload gets only a few Electron modules.
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: settings.development,
    // deck.gl draws with WebGL2.
    webgl: true,
    // The sandboxed preload cannot import the API table, so the names come on its command line.
    additionalArguments: [apiMethodsArgument(settings.apiMethods)],
  };
}

export function mainWindowOptions(settings: WindowSettings): BrowserWindowConstructorOptions {
  return {
    title: 'Serendip',
    width: 1440,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    // Shown on ready-to-show, so the user never sees a blank white frame.
    show: false,
    backgroundColor: '#0b0e14',
    webPreferences: secureWebPreferences(settings),
  };
}
