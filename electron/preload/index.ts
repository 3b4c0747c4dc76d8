// electron/preload: the sandboxed preload script (preload.cts), which exposes
// `window.serendip` = { call, onJobEvent } through contextBridge and nothing else.
//
// The preload is CommonJS (.cts) because sandboxed preloads cannot be ES modules. The
// project's tsconfig includes only *.ts, so this re-export of its types is also what brings
// preload.cts into the compilation: tsc checks it and emits dist/electron/preload/preload.cjs.
export type { SerendipBridge, BridgeIpc } from './preload.cjs';
