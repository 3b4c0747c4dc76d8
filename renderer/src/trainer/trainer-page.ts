// The page of the desktop app's hidden GPU window (trainer.html). Electron's Node has neither
// WebGPU nor WebGL, so the learned models train and encode here: the main process hands over one
// MessagePort per model task (through the window's preload, as a message to this window), and
// each task runs in a dedicated Worker of its own (trainer-worker.ts), supervised by
// relayModelJob. The page shows nothing and needs no Node: only the port and the Worker.
import {
  MODEL_TASK_PORT_MESSAGE,
  type HostMessage,
  type MessageEndpoint,
  type PageMessage,
} from '../../../electron/core/discovery/embeddings/learned/model-job-protocol.js';
import { relayModelJob, type JobWorker } from '../../../electron/core/discovery/embeddings/learned/model-job-relay.js';

function portEndpoint(port: MessagePort): MessageEndpoint<PageMessage, HostMessage> {
  return {
    post: (message, transfer) => port.postMessage(message, transfer),
    onMessage: (listener) => {
      // Assigning onmessage starts the port: messages queued since the hand-over arrive now.
      port.onmessage = (event: MessageEvent) => listener(event.data as HostMessage);
    },
    close: () => port.close(),
  };
}

function startJobWorker(): JobWorker {
  const worker = new Worker(new URL('./trainer-worker.ts', import.meta.url), { type: 'module', name: 'model-task' });
  return {
    post: (message, transfer) => worker.postMessage(message, transfer),
    onMessage: (listener) => {
      worker.onmessage = (event: MessageEvent) => listener(event.data as PageMessage);
    },
    onError: (listener) => {
      worker.onerror = (event: ErrorEvent) => {
        event.preventDefault();
        listener(event.message || 'its script did not load');
      };
      worker.onmessageerror = () => listener('a message from it could not be read');
    },
    close: () => worker.terminate(),
  };
}

window.addEventListener('message', (event: MessageEvent) => {
  // Only this window's own hand-over (the preload posts to it), carrying exactly one port.
  const own = event.source === window && event.origin === window.location.origin;
  if (!own || event.data !== MODEL_TASK_PORT_MESSAGE || event.ports.length !== 1) return;
  relayModelJob(portEndpoint(event.ports[0]), startJobWorker());
});
