import { describe, expect, it } from 'vitest';
import { API_METHODS } from '../../../electron/core/api/api-methods.js';
import { API_METHODS_SWITCH } from '../../../electron/main/ipc-channels.js';
import { mainWindowOptions, secureWebPreferences } from '../../../electron/main/window-options.js';

const settings = {
  preloadPath: '/app/dist/electron/preload/preload.cjs',
  apiMethods: Object.keys(API_METHODS),
  development: false,
};

describe('window options', () => {
  it('isolate, sandbox and keep Node out of the page', () => {
    const prefs = secureWebPreferences(settings);
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keep web security on and every loosening feature off', () => {
    const prefs = secureWebPreferences(settings);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs.webgl).toBe(true);
  });

  it('allow devtools only in development', () => {
    expect(secureWebPreferences(settings).devTools).toBe(false);
    expect(secureWebPreferences({ ...settings, development: true }).devTools).toBe(true);
  });

  it('load the given preload and pass it every API method name', () => {
    const prefs = secureWebPreferences(settings);
    expect(prefs.preload).toBe(settings.preloadPath);
    const arg = prefs.additionalArguments?.find((a) => a.startsWith(API_METHODS_SWITCH));
    expect(arg?.slice(API_METHODS_SWITCH.length).split(',').sort()).toEqual(Object.keys(API_METHODS).sort());
  });

  it('show the window only once painted, with the secure preferences', () => {
    const options = mainWindowOptions(settings);
    expect(options.show).toBe(false);
    expect(options.webPreferences).toEqual(secureWebPreferences(settings));
  });
});
