// The host's half of a model task run by a page, against scripted fake pages over an in-memory
// channel: row requests answered with the file's float16 bits, events handed on in order, the
// page's last word (done, failed, unavailable, cancelled) and the host's cancel; what a page
// cannot run is asked once; and runModelTask falls back to the Node worker for `auto` only.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NpyRowFile } from '../../../../../electron/core/formats/arrays/npy-row-file.js';
import { fromFloat16Bits, toFloat16Bits } from '../../../../../electron/core/formats/arrays/float16.js';
import type { ModelTask, ModelTaskEvent } from '../../../../../electron/core/discovery/embeddings/learned/model-job.js';
import type {
  HostMessage,
  PageMessage,
} from '../../../../../electron/core/discovery/embeddings/learned/model-job-protocol.js';
import {
  ModelTaskHost,
  runTaskOnPage,
} from '../../../../../electron/core/discovery/embeddings/learned/model-task-host.js';
import {
  runModelTask,
  useModelTaskHost,
} from '../../../../../electron/core/discovery/embeddings/learned/model-task-runner.js';
import { useTempDir } from '../../../../helpers/temp-dir.js';
import { memoryChannel, type MemoryEnd } from './memory-channel.js';

const tempDir = useTempDir('serendip-model-host-');
type PageEnd = MemoryEnd<PageMessage, HostMessage>;

/** A float16 model-input file whose row i holds [i, i + 0.5, -i, 2i]. */
function inputsFile(rows = 6): string {
  const path = join(tempDir(), 'image-2x2x1.npy');
  const file = NpyRowFile.openOrCreate(path, { dtype: '<f2', rowShape: [2, 2, 1] });
  for (let i = 0; i < rows; i++) file.appendRows(toFloat16Bits(Float32Array.of(i, i + 0.5, -i, 2 * i)));
  file.close();
  return path;
}

function trainTask(path: string, backend: ModelTask['backend'] = 'auto'): ModelTask {
  return {
    type: 'train',
    backend,
    config: {
      kind: 'autoencoder',
      dim: 2,
      seed: 1,
      learningRate: 1e-3,
      modality: 'image',
      geometry: { size: 16, bands: 1 },
    },
    inputs: { path, rows: Int32Array.of(5, 4, 3, 2, 1, 0) },
    sizes: { sample: null, batchSize: 2, width: null },
    epochs: 1,
  };
}

/** A page that runs `script` on the task's messages. */
function fakePage(script: (page: PageEnd, message: HostMessage) => void): {
  channel: MemoryEnd<HostMessage, PageMessage>;
  page: PageEnd;
} {
  const { a, b } = memoryChannel<HostMessage, PageMessage>();
  b.onMessage((message) => script(b, message));
  return { channel: a, page: b };
}

const sample: ModelTaskEvent = { type: 'training-sizes', sizes: { sample: 6, batchSize: 2, width: 1 } };
const progress: ModelTaskEvent = {
  type: 'progress',
  progress: { epoch: 1, epochs: 1, step: 1, stepsPerEpoch: 3, loss: 0.5, objectsPerSecond: 10, etaSeconds: 0.4 },
};

describe('runTaskOnPage', () => {
  it("answers the page's row requests with the file's rows, hands its events on in order, ends on done", async () => {
    const answers: number[][] = [];
    const { channel, page } = fakePage((end, message) => {
      if (message.type === 'run') end.post({ type: 'read-rows', id: 7, rows: Int32Array.of(4, 1) }, []);
      if (message.type === 'rows') {
        expect(message.id).toBe(7);
        answers.push(Array.from(fromFloat16Bits(message.halves)));
        end.post({ type: 'event', event: sample }, []);
        end.post({ type: 'event', event: progress }, []);
        end.post({ type: 'done' }, []);
      }
    });
    const events: ModelTaskEvent[] = [];
    const task = trainTask(inputsFile());
    const outcome = await runTaskOnPage(task, channel, { onEvent: (event) => events.push(event) });
    expect(outcome).toEqual({ ran: true });
    expect(answers).toEqual([[4, 4.5, -4, 8, 1, 1.5, -1, 2]]);
    expect(events).toEqual([sample, progress]);
    expect(page.received[0]).toEqual({ type: 'run', task });
    // The task's own arrays stay with the caller (the page got copies).
    expect(Array.from(task.inputs.rows)).toEqual([5, 4, 3, 2, 1, 0]);
    await expect.poll(() => channel.closed && page.closed).toBe(true);
  });

  it("rejects with the page's failure message", async () => {
    const { channel } = fakePage((end, message) => {
      if (message.type === 'run') end.post({ type: 'failed', message: 'training diverged at epoch 1, step 2' }, []);
    });
    await expect(runTaskOnPage(trainTask(inputsFile()), channel, { onEvent: () => undefined })).rejects.toThrow(
      /^training diverged at epoch 1, step 2$/,
    );
  });

  it('cancels: the page is told at once, the caller gets the abort reason, later events are dropped', async () => {
    const controller = new AbortController();
    const events: ModelTaskEvent[] = [];
    const { channel, page } = fakePage((end, message) => {
      if (message.type === 'run') end.post({ type: 'event', event: sample }, []);
      if (message.type === 'cancel') {
        end.post({ type: 'event', event: progress }, []);
        end.post({ type: 'cancelled' }, []);
      }
    });
    const running = runTaskOnPage(trainTask(inputsFile()), channel, {
      signal: controller.signal,
      onEvent: (event) => {
        events.push(event);
        controller.abort(new Error('stopped by the user'));
      },
    });
    await expect(running).rejects.toThrow('stopped by the user');
    await expect.poll(() => channel.closed).toBe(true);
    expect(page.received.map((m) => m.type)).toEqual(['run', 'cancel']);
    expect(events).toEqual([sample]);
  });

  it('stops the page and fails when it asks for rows the file does not have', async () => {
    const { channel, page } = fakePage((end, message) => {
      if (message.type === 'run') end.post({ type: 'read-rows', id: 0, rows: Int32Array.of(2, 6) }, []);
    });
    await expect(runTaskOnPage(trainTask(inputsFile()), channel, { onEvent: () => undefined })).rejects.toThrow(
      /out of range \(the file has 6\)/,
    );
    await expect.poll(() => page.received.map((m) => m.type)).toEqual(['run', 'cancel']);
  });

  it('stops the page and fails on a message that is not of the protocol', async () => {
    const { channel, page } = fakePage((end, message) => {
      if (message.type === 'run') end.post({ type: 'read-rows', id: 0, rows: [1, 2] } as never, []);
    });
    await expect(runTaskOnPage(trainTask(inputsFile()), channel, { onEvent: () => undefined })).rejects.toThrow(
      /malformed message/,
    );
    await expect.poll(() => page.received.map((m) => m.type)).toEqual(['run', 'cancel']);
  });

  it('fails with the reason when the page goes away before its last word', async () => {
    const { channel } = fakePage((end, message) => {
      if (message.type === 'run') end.close();
    });
    await expect(runTaskOnPage(trainTask(inputsFile()), channel, { onEvent: () => undefined })).rejects.toThrow(
      'the other end closed',
    );
  });
});

describe('ModelTaskHost', () => {
  const skipped = [
    { name: 'webgpu' as const, reason: 'only a software adapter' },
    { name: 'webgl' as const, reason: 'only a software renderer' },
  ];

  it('asks a page once per backend choice what it cannot run', async () => {
    let opened = 0;
    const host = new ModelTaskHost({
      open: async () => {
        opened++;
        return fakePage((end, message) => {
          if (message.type === 'run') end.post({ type: 'unavailable', skipped }, []);
        }).channel;
      },
    });
    const path = inputsFile();
    expect(await host.run(trainTask(path), { onEvent: () => undefined })).toEqual({ ran: false, skipped });
    expect(await host.run(trainTask(path), { onEvent: () => undefined })).toEqual({ ran: false, skipped });
    expect(opened).toBe(1);
    await host.run(trainTask(path, 'webgpu'), { onEvent: () => undefined });
    expect(opened).toBe(2);
  });

  it('serves auto and the page backends only', () => {
    const host = new ModelTaskHost({ open: () => Promise.reject(new Error('unused')) });
    expect(
      ['auto', 'webgpu', 'webgl', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'].map((c) => host.serves(c as never)),
    ).toEqual([true, true, true, false, false, false, false]);
  });

  it("passes over the page's backends, once, when its window does not load", async () => {
    let opened = 0;
    const host = new ModelTaskHost({
      open: () => {
        opened++;
        return Promise.reject(new Error('ERR_FILE_NOT_FOUND (-6) loading app://serendip/trainer.html'));
      },
    });
    const path = inputsFile();
    const reason = 'the GPU window did not load: ERR_FILE_NOT_FOUND (-6) loading app://serendip/trainer.html';
    expect(await host.run(trainTask(path), { onEvent: () => undefined })).toEqual({
      ran: false,
      skipped: [
        { name: 'webgpu', reason },
        { name: 'webgl', reason },
      ],
    });
    expect(await host.run(trainTask(path, 'webgl'), { onEvent: () => undefined })).toEqual({
      ran: false,
      skipped: [{ name: 'webgl', reason }],
    });
    expect(opened).toBe(1);
  });
});

describe('runModelTask with a page host', () => {
  /** A 16×16×1 image store of 6 rows: one epoch of three steps. */
  function imagesFile(): string {
    const path = join(tempDir(), 'image-16x16x1.npy');
    const file = NpyRowFile.openOrCreate(path, { dtype: '<f2', rowShape: [16, 16, 1] });
    for (let i = 0; i < 6; i++)
      file.appendRows(toFloat16Bits(Float32Array.from({ length: 256 }, (_, k) => Math.sin(k * (i + 1)))));
    file.close();
    return path;
  }

  const skipped = [{ name: 'webgpu' as const, reason: 'only a software adapter' }];
  const unavailablePage = new ModelTaskHost({
    open: async () =>
      fakePage((end, message) => {
        if (message.type === 'run') end.post({ type: 'unavailable', skipped }, []);
      }).channel,
  });

  it("falls back to the Node worker for auto, listing first why the page's backends were passed over", async () => {
    useModelTaskHost(unavailablePage);
    try {
      const events: ModelTaskEvent[] = [];
      await runModelTask(trainTask(imagesFile()), { inProcess: true, onEvent: (event) => events.push(event) });
      const backend = events.find((e) => e.type === 'backend');
      expect(backend?.type === 'backend' && backend.selected.skipped[0]).toEqual(skipped[0]);
      expect(backend?.type === 'backend' && backend.selected.name).not.toBe('webgl');
      expect(events.at(-1)?.type).toBe('trained');
    } finally {
      useModelTaskHost(null);
    }
  });

  it('fails for a page backend named by the user, with the reason', async () => {
    useModelTaskHost(unavailablePage);
    try {
      await expect(
        runModelTask(trainTask(imagesFile(), 'webgpu'), { inProcess: true, onEvent: () => undefined }),
      ).rejects.toThrow("backend 'webgpu' is not available (webgpu: only a software adapter). Use --backend auto.");
    } finally {
      useModelTaskHost(null);
    }
  });
});
