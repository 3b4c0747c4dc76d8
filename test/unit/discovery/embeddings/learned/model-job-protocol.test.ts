// The protocol's checks and transfer lists: each buffer listed once (a second listing would make
// postMessage throw), none that is empty, and only well-formed page messages accepted.
import { describe, expect, it } from 'vitest';
import {
  eventTransferables,
  hostTransferables,
  isPageMessage,
} from '../../../../../electron/core/discovery/embeddings/learned/model-job-protocol.js';

describe('the model-task protocol', () => {
  it("lists an encode task's buffers once each, leaving out empty ones", () => {
    const shared = new ArrayBuffer(64);
    const rows = new Int32Array(shared, 0, 4);
    const encoder = { json: '{}', weights: new Uint8Array(shared, 16, 16) };
    const head = { json: '{}', weights: new Uint8Array(0) };
    const config = {
      kind: 'autoencoder' as const,
      dim: 2,
      seed: 1,
      learningRate: 1e-3,
      modality: 'image' as const,
      geometry: { size: 16, bands: 1 },
    };
    const task = {
      type: 'encode' as const,
      backend: 'webgpu' as const,
      config,
      networks: { encoder, head },
      inputs: { path: 'x.npy', rows },
      batchSize: 8,
    };
    expect(hostTransferables({ type: 'run', task })).toEqual([shared]);
    expect(hostTransferables({ type: 'cancel' })).toEqual([]);
  });

  it("lists an encoded event's vectors and errors", () => {
    const vectors = new Float32Array(8);
    const errors = new Float32Array(4);
    expect(eventTransferables({ type: 'encoded', vectors, reconstructionError: errors })).toEqual([
      vectors.buffer,
      errors.buffer,
    ]);
    expect(eventTransferables({ type: 'encoded-progress', done: 1, total: 2 })).toEqual([]);
  });

  it('accepts the page messages of the protocol and nothing else', () => {
    expect(isPageMessage({ type: 'read-rows', id: 3, rows: Int32Array.of(1) })).toBe(true);
    expect(isPageMessage({ type: 'failed', message: 'no adapter' })).toBe(true);
    expect(isPageMessage({ type: 'unavailable', skipped: [] })).toBe(true);
    expect(isPageMessage({ type: 'done' })).toBe(true);
    expect(isPageMessage({ type: 'read-rows', id: 3, rows: [1] })).toBe(false);
    expect(isPageMessage({ type: 'read-rows', id: 1.5, rows: Int32Array.of(1) })).toBe(false);
    expect(isPageMessage({ type: 'failed' })).toBe(false);
    expect(isPageMessage({ type: 'event', event: null })).toBe(false);
    expect(isPageMessage({ type: 'run' })).toBe(false);
    expect(isPageMessage('done')).toBe(false);
  });
});
