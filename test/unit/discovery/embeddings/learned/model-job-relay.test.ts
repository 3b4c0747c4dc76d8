// The page's supervisor of one task, with a fake port and a fake Worker: messages relayed both
// ways with their buffers moved, the Worker terminated on cancel (answered `cancelled`), on its
// last word and on a crash (answered `failed`), and nothing relayed after.
import { describe, expect, it } from 'vitest';
import type {
  HostMessage,
  PageMessage,
} from '../../../../../electron/core/discovery/embeddings/learned/model-job-protocol.js';
import {
  relayModelJob,
  type JobWorker,
} from '../../../../../electron/core/discovery/embeddings/learned/model-job-relay.js';
import type { ModelTask } from '../../../../../electron/core/discovery/embeddings/learned/model-job.js';

interface Posted<T> {
  message: T;
  transfer: ArrayBuffer[];
}

function fakes() {
  const toHost: Posted<PageMessage>[] = [];
  const toWorker: Posted<HostMessage>[] = [];
  let fromHost: (message: HostMessage) => void = () => undefined;
  let fromWorker: (message: PageMessage) => void = () => undefined;
  let crash: (message: string) => void = () => undefined;
  const state = { workerClosed: false, portClosed: false };
  const port = {
    post: (message: PageMessage, transfer: ArrayBuffer[]) => void toHost.push({ message, transfer }),
    onMessage: (listener: (message: HostMessage) => void) => void (fromHost = listener),
    close: () => void (state.portClosed = true),
  };
  const worker: JobWorker = {
    post: (message, transfer) => void toWorker.push({ message, transfer }),
    onMessage: (listener) => void (fromWorker = listener),
    onError: (listener) => void (crash = listener),
    close: () => void (state.workerClosed = true),
  };
  relayModelJob(port, worker);
  return {
    toHost,
    toWorker,
    state,
    host: (m: HostMessage) => fromHost(m),
    worker: (m: PageMessage) => fromWorker(m),
    crash: (m: string) => crash(m),
  };
}

const task: ModelTask = {
  type: 'train',
  backend: 'webgpu',
  config: {
    kind: 'autoencoder',
    dim: 2,
    seed: 1,
    learningRate: 1e-3,
    modality: 'image',
    geometry: { size: 16, bands: 1 },
  },
  inputs: { path: '/ws/inputs/image-16x16x1.npy', rows: Int32Array.of(3, 1) },
  sizes: { sample: null, batchSize: 2, width: null },
  epochs: 2,
  resumeFrom: { epoch: 1, specs: [], data: new Uint8Array(8) },
};

describe('relayModelJob', () => {
  it("moves the task's and the rows' buffers to the Worker, and the Worker's requests and results to the host", () => {
    const relay = fakes();
    relay.host({ type: 'run', task });
    expect(relay.toWorker[0].transfer).toEqual([task.inputs.rows.buffer, task.resumeFrom!.data.buffer]);
    const halves = new Uint16Array(4);
    relay.host({ type: 'rows', id: 0, halves });
    expect(relay.toWorker[1]).toEqual({ message: { type: 'rows', id: 0, halves }, transfer: [halves.buffer] });

    const rows = Int32Array.of(1, 3);
    relay.worker({ type: 'read-rows', id: 1, rows });
    const data = new Uint8Array(16);
    const record = { epoch: 1, meanLoss: 0.5, seconds: 1 };
    relay.worker({ type: 'event', event: { type: 'checkpoint', checkpoint: { epoch: 1, specs: [], data }, record } });
    expect(relay.toHost.map((p) => p.transfer)).toEqual([[rows.buffer], [data.buffer]]);
    expect(relay.state).toEqual({ workerClosed: false, portClosed: false });
  });

  it('ends the Worker after its last word, leaving the channel for the host to close, and relays nothing more', () => {
    const relay = fakes();
    relay.worker({ type: 'done' });
    relay.worker({ type: 'event', event: { type: 'training-sizes', sizes: { sample: 2, batchSize: 2, width: 1 } } });
    relay.host({ type: 'run', task });
    expect(relay.toHost.map((p) => p.message)).toEqual([{ type: 'done' }]);
    expect(relay.toWorker).toEqual([]);
    expect(relay.state).toEqual({ workerClosed: true, portClosed: false });
  });

  it('cancels by terminating the Worker and answering cancelled', () => {
    const relay = fakes();
    relay.host({ type: 'run', task });
    relay.host({ type: 'cancel' });
    relay.worker({ type: 'event', event: { type: 'training-sizes', sizes: { sample: 2, batchSize: 2, width: 1 } } });
    expect(relay.state.workerClosed).toBe(true);
    expect(relay.toHost.map((p) => p.message)).toEqual([{ type: 'cancelled' }]);
    expect(relay.toWorker.map((p) => p.message.type)).toEqual(['run']);
  });

  it('answers failed, with the reason, when the Worker crashes', () => {
    const relay = fakes();
    relay.crash('Uncaught RangeError: Array buffer allocation failed');
    expect(relay.toHost.map((p) => p.message)).toEqual([
      { type: 'failed', message: 'the model worker failed: Uncaught RangeError: Array buffer allocation failed' },
    ]);
    expect(relay.state.workerClosed).toBe(true);
  });
});
