// The app's single window: secure options (window-options.ts), shown once painted, loading
// only the packaged renderer. The title names the open workspace; the page cannot change it.
import { BrowserWindow } from 'electron';
import { basename } from 'node:path';
import { APP_ENTRY_URL } from './app-schemes.js';
import { mainWindowOptions, type WindowSettings } from './window-options.js';

export function createMainWindow(settings: WindowSettings): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(settings));
  window.once('ready-to-show', () => window.show());
  window.on('page-title-updated', (event) => event.preventDefault());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

export function windowTitle(workspace: string | null): string {
  return workspace ? `Serendip — ${basename(workspace)}` : 'Serendip';
}
