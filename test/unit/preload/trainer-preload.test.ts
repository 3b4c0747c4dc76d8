// Runs the GPU window's preload the way Electron runs a sandboxed preload: compiled to CommonJS,
// as a plain script whose `require` knows only a fake `electron`, with the page's window as its
// global. It must pass each task's one port to its own window, and do nothing else.
import { existsSync, readFileSync } from 'node:fs';
import vm from 'node:vm';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { MODEL_TASK_PORT_MESSAGE } from '../../../electron/core/discovery/embeddings/learned/model-job-protocol.js';
import { MODEL_TASK_PORT_CHANNEL } from '../../../electron/main/gpu-window-options.js';

const SOURCE = new URL('../../../electron/preload/trainer-preload.cts', import.meta.url);
/** What `npm run build` emits and the GPU window loads. */
const BUILT = new URL('../../../dist/electron/preload/trainer-preload.cjs', import.meta.url);

function compiledSource(): string {
  return ts.transpileModule(readFileSync(SOURCE, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  }).outputText;
}

type Listener = (event: { ports: readonly unknown[] }) => void;

function loadPreload(outputText = compiledSource()) {
  const listeners = new Map<string, Listener[]>();
  const required: string[] = [];
  const posted: { message: unknown; targetOrigin: string; transfer: unknown[] }[] = [];
  const electron = {
    ipcRenderer: {
      on: (channel: string, listener: Listener) =>
        void listeners.set(channel, [...(listeners.get(channel) ?? []), listener]),
    },
    contextBridge: {
      exposeInMainWorld: () => {
        throw new Error('the GPU window exposes nothing to its page');
      },
    },
  };
  const fakeRequire = (name: string) => {
    required.push(name);
    if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
    return electron;
  };
  // The isolated world's global is the page's window.
  const window = {
    location: { origin: 'app://serendip' },
    postMessage: (message: unknown, targetOrigin: string, transfer: unknown[]) =>
      void posted.push({ message, targetOrigin, transfer }),
  };
  const module = { exports: {} as Record<string, unknown> };
  const wrapper = vm.runInNewContext(
    `(function (require, process, Buffer, global, exports, module) {${outputText}\n})`,
    window,
  ) as (...a: unknown[]) => void;
  wrapper(fakeRequire, { argv: [] }, Buffer, window, module.exports, module);
  const send = (ports: unknown[]) => listeners.get(MODEL_TASK_PORT_CHANNEL)?.forEach((l) => l({ ports }));
  return { listeners, required, posted, send };
}

describe('GPU window preload', () => {
  it('compiles to a script with no ES module syntax and requires only electron', () => {
    expect(compiledSource()).not.toMatch(/^\s*(import|export)\s/m);
    expect(loadPreload().required).toEqual(['electron']);
  });

  it.skipIf(!existsSync(BUILT))('as built by npm run build, listens on the port channel only', () => {
    const built = readFileSync(BUILT, 'utf8');
    expect(built).not.toMatch(/^\s*(import|export)\s/m);
    expect([...loadPreload(built).listeners.keys()]).toEqual([MODEL_TASK_PORT_CHANNEL]);
  });

  it("hands each task's port to its own window, on the app's origin", () => {
    const preload = loadPreload();
    expect([...preload.listeners.keys()]).toEqual([MODEL_TASK_PORT_CHANNEL]);
    const port = { name: 'port of task 1' };
    preload.send([port]);
    expect(preload.posted).toEqual([
      { message: MODEL_TASK_PORT_MESSAGE, targetOrigin: 'app://serendip', transfer: [port] },
    ]);
  });

  it('ignores a message on the channel that carries no port, or several', () => {
    const preload = loadPreload();
    preload.send([]);
    preload.send([{}, {}]);
    expect(preload.posted).toEqual([]);
  });
});
