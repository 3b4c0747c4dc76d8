// Serendip's Electron main process (electron/main). This folder is the desktop shell only:
// lifecycle, the window (and the learned models' hidden GPU window), menus, dialogs, IPC
// wiring and the two custom schemes. The work itself is done by electron/core; security
// decisions sit in small Electron-free modules (window-options, gpu-window-options,
// content-security-policy, ipc-guard; the file resolver is core/util/contained-file-resolver)
// with tests.
//
// Entry point: dist/electron/main/main.js, run as `electron dist/electron/main/main.js [workspace]`
// or packaged (build/electron-builder.json sets it as the package's main).
import { app } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { workspaceFromArgv, workspaceFromEnvironment } from './command-line.js';
import { DesktopApp } from './desktop-app.js';
import { enableWebGpu } from './gpu-switches.js';
import { registerPrivilegedSchemes } from './protocol-handlers.js';
import { lockDownWebContents } from './window-hardening.js';

const here = dirname(fileURLToPath(import.meta.url));
const isDefaultApp = process.defaultApp === true;

// All must happen before `ready`; this module's top level runs before it.
registerPrivilegedSchemes();
app.enableSandbox();
enableWebGpu(app.commandLine, process.platform);

if (!app.requestSingleInstanceLock()) {
  // Another Serendip is running: it gets our argv through 'second-instance'.
  app.quit();
} else {
  const desktop = new DesktopApp({
    preload: join(here, '..', 'preload', 'preload.cjs'),
    trainerPreload: join(here, '..', 'preload', 'trainer-preload.cjs'),
    renderer: join(here, '..', '..', 'renderer'),
  });

  app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents));

  app.on('second-instance', (_event, argv, workingDirectory) => {
    void desktop.onSecondInstance(workspaceFromArgv(argv, isDefaultApp, workingDirectory));
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (app.isReady()) desktop.showWindow();
  });

  // Jobs are cancelled and the database closed before the process ends.
  let shutDown = false;
  app.on('will-quit', (event) => {
    if (shutDown) return;
    event.preventDefault();
    shutDown = true;
    desktop.shutdown().finally(() => app.quit());
  });

  app
    .whenReady()
    .then(() =>
      desktop.start(
        workspaceFromArgv(process.argv, isDefaultApp, process.cwd()) ?? workspaceFromEnvironment(process.env),
      ),
    )
    .catch((err: unknown) => {
      console.error('serendip: could not start:', err);
      app.exit(1);
    });
}
