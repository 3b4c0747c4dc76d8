// The page's supervisor of one model task (the GPU window's main thread): it relays between the
// host's port and the dedicated Worker that runs the job (model-job-server.ts), moving every
// buffer it holds. A step in flight cannot be interrupted, so `cancel` terminates the Worker and
// answers `cancelled` at once; a Worker that crashes becomes `failed`. Portable, so a test runs it
// with fakes; the page (renderer/src/trainer) wraps a MessagePort and a Worker.
import {
  hostTransferables,
  isFinal,
  pageTransferables,
  type HostMessage,
  type MessageEndpoint,
  type PageMessage,
} from './model-job-protocol.js';

/** The Worker running the job; `close` terminates it. */
export interface JobWorker extends MessageEndpoint<HostMessage, PageMessage> {
  /** An uncaught error in the Worker (its script failed to load, or it crashed). */
  onError(listener: (message: string) => void): void;
}

export function relayModelJob(port: MessageEndpoint<PageMessage, HostMessage>, worker: JobWorker): void {
  let finished = false;
  const finish = (last: PageMessage): void => {
    if (finished) return;
    finished = true;
    worker.close();
    // The host closes the channel once it has read this: a close racing the message could beat it.
    port.post(last, pageTransferables(last));
  };
  port.onMessage((message) => {
    if (finished) return;
    if (message.type === 'cancel') finish({ type: 'cancelled' });
    else worker.post(message, hostTransferables(message));
  });
  worker.onMessage((message) => {
    if (finished) return;
    if (isFinal(message)) finish(message);
    else port.post(message, pageTransferables(message));
  });
  worker.onError((message) => finish({ type: 'failed', message: `the model worker failed: ${message}` }));
}
