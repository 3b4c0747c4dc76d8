// What every page and the session refuse: navigation away from the app, new windows,
// <webview>, downloads, and every permission (camera, notifications, geolocation, ...).
// Applied to every WebContents Electron creates, not only the main window's.
import type { Session, WebContents } from 'electron';

export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  // Exports are written by the main process; the page never downloads anything.
  session.on('will-download', (event) => event.preventDefault());
}

export function lockDownWebContents(contents: WebContents): void {
  // The app is one page: links and location changes never navigate it (reloads are not navigations).
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
