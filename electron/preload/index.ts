// electron/preload: the sandboxed preload scripts. preload.cts (the main window) exposes
// `window.serendip` = { call, onJobEvent } through contextBridge and nothing else;
// trainer-preload.cts (the hidden GPU window) only hands model-task ports to its page.
//
// Preloads are CommonJS (.cts) because sandboxed preloads cannot be ES modules. The project's
// tsconfig includes only *.ts, so these re-exports of their types are also what bring them into
// the compilation: tsc checks them and emits dist/electron/preload/*.cjs.
export type { SerendipBridge, BridgeIpc } from './preload.cjs';
export type { PortIpc, PortTarget } from './trainer-preload.cjs';
