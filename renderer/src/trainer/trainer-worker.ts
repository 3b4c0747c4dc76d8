// The dedicated Worker of one model task in the GPU window (see trainer-page.ts): it serves the
// task (model-job-server.ts) on the page's backends, WebGPU else WebGL, chosen by the same rule
// as in Node (backend-selection.ts). tfjs runs here, off the page's thread.
import { serveModelJob } from '../../../electron/core/discovery/embeddings/learned/model-job-server.js';
import type { HostMessage } from '../../../electron/core/discovery/embeddings/learned/model-job-protocol.js';
import { selectBackendFrom } from '../../../native-models/backends/backend-selection.js';
import { PAGE_CANDIDATES } from '../../../native-models/backends/page-backends.js';

// The renderer compiles against the DOM's types; this is the worker's own global scope.
const scope = self as unknown as {
  postMessage(message: unknown, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent) => void) | null;
  close(): void;
};

void serveModelJob(
  {
    post: (message, transfer) => scope.postMessage(message, transfer),
    onMessage: (listener) => {
      scope.onmessage = (event) => listener(event.data as HostMessage);
    },
    close: () => scope.close(),
  },
  (choice) => selectBackendFrom(choice, PAGE_CANDIDATES),
);
