// The hidden GPU window's options: the main window's hardening, hidden, never throttled, no API.
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN } from '../../../electron/main/app-schemes.js';
import { TRAINER_URL, gpuWindowOptions } from '../../../electron/main/gpu-window-options.js';

const settings = { preloadPath: '/app/dist/electron/preload/trainer-preload.cjs', development: false };

describe('GPU window options', () => {
  it('isolate, sandbox and keep Node out of the page and its workers', () => {
    const prefs = gpuWindowOptions(settings).webPreferences!;
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keep web security on and every loosening feature off, WebGL on', () => {
    const prefs = gpuWindowOptions(settings).webPreferences!;
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs.webgl).toBe(true);
  });

  it('stay hidden and unthrottled, with only its own preload and no API method names', () => {
    const options = gpuWindowOptions(settings);
    expect(options.show).toBe(false);
    expect(options.webPreferences?.backgroundThrottling).toBe(false);
    expect(options.webPreferences?.preload).toBe(settings.preloadPath);
    expect(options.webPreferences?.additionalArguments).toEqual([]);
  });

  it('allow devtools only in development', () => {
    expect(gpuWindowOptions(settings).webPreferences?.devTools).toBe(false);
    expect(gpuWindowOptions({ ...settings, development: true }).webPreferences?.devTools).toBe(true);
  });

  it("load the app's own trainer page, served with the app's CSP", () => {
    expect(TRAINER_URL).toBe(`${APP_ORIGIN}/trainer.html`);
  });
});
