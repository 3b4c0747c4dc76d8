// WebGL in Node: there is none. tfjs's webgl backend runs only in a Chromium page, which the
// desktop app provides (its hidden GPU window, page-backends.ts). Node keeps a candidate so that
// `--backend webgl` in the CLI or browser mode fails with that reason, and `auto` never tries it.
import type { BackendCandidate } from './backend-interface.js';

export const webglBackend: BackendCandidate = {
  name: 'webgl',
  packageName: null,
  optIn: "runs only in the desktop app's GPU window",
  async activate() {
    throw new Error("WebGL runs only in the desktop app's GPU window, not in the CLI or browser mode");
  },
  async describeDevice() {
    return 'WebGL';
  },
};
