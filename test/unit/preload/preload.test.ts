// Runs the preload's source the way Electron runs a sandboxed preload: compiled to CommonJS,
// as a plain script whose `require` knows only a fake `electron`.
import { existsSync, readFileSync } from 'node:fs';
import vm from 'node:vm';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { API_METHODS } from '../../../electron/core/api/api-methods.js';
import { CALL_CHANNEL, JOB_EVENT_CHANNEL, apiMethodsArgument } from '../../../electron/main/ipc-channels.js';

const SOURCE = new URL('../../../electron/preload/preload.cts', import.meta.url);
/** What `npm run build` emits and the window loads. */
const BUILT = new URL('../../../dist/electron/preload/preload.cjs', import.meta.url);

function compiledSource(): string {
  return ts.transpileModule(readFileSync(SOURCE, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  }).outputText;
}

type Listener = (event: unknown, payload: unknown) => void;

function loadPreload(
  argv: string[],
  reply: (channel: string, ...args: unknown[]) => unknown = () => ({ ok: true, value: 'fine' }),
  outputText = compiledSource(),
) {
  const exposed = new Map<string, unknown>();
  const listeners = new Map<string, Set<Listener>>();
  const invocations: unknown[][] = [];
  const required: string[] = [];
  const ipcRenderer = {
    invoke: async (channel: string, ...args: unknown[]) => {
      invocations.push([channel, ...args]);
      return reply(channel, ...args);
    },
    on: (channel: string, listener: Listener) =>
      void (listeners.get(channel) ?? listeners.set(channel, new Set()).get(channel)!).add(listener),
    removeListener: (channel: string, listener: Listener) => void listeners.get(channel)?.delete(listener),
    send: () => {
      throw new Error('the preload must not use send');
    },
  };
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer,
  };
  const fakeRequire = (name: string) => {
    required.push(name);
    if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
    return electron;
  };
  const module = { exports: {} as Record<string, unknown> };
  // Electron's sandboxed preload wrapper passes these names; nothing else is in scope.
  const wrapper = vm.runInNewContext(
    `(function (require, process, Buffer, global, exports, module) {${outputText}\n})`,
    {},
  ) as (...a: unknown[]) => void;
  wrapper(fakeRequire, { argv }, Buffer, {}, module.exports, module);
  return { exposed, listeners, invocations, required, exports: module.exports };
}

const argv = ['/usr/bin/serendip', apiMethodsArgument(Object.keys(API_METHODS))];

describe('preload', () => {
  it('compiles to a script with no ES module syntax and requires only electron', () => {
    expect(compiledSource()).not.toMatch(/^\s*(import|export)\s/m);
    expect(loadPreload(argv).required).toEqual(['electron']);
  });

  it.skipIf(!existsSync(BUILT))('as built by npm run build, exposes the same two functions', () => {
    const built = readFileSync(BUILT, 'utf8');
    expect(built).not.toMatch(/^\s*(import|export)\s/m);
    const { exposed, required } = loadPreload(argv, undefined, built);
    expect(required).toEqual(['electron']);
    expect(Object.keys(exposed.get('serendip') as object).sort()).toEqual(['call', 'onJobEvent']);
  });

  it('exposes exactly window.serendip with call and onJobEvent', () => {
    const { exposed } = loadPreload(argv);
    expect([...exposed.keys()]).toEqual(['serendip']);
    expect(Object.keys(exposed.get('serendip') as object).sort()).toEqual(['call', 'onJobEvent']);
  });

  it('forwards a known method on the one call channel and unwraps the reply', async () => {
    const { exposed, invocations } = loadPreload(argv, () => ({ ok: true, value: { objects: 3 } }));
    const bridge = exposed.get('serendip') as { call(m: string, a: unknown[]): Promise<unknown> };
    await expect(bridge.call('status', [])).resolves.toEqual({ objects: 3 });
    expect(invocations).toEqual([[CALL_CHANNEL, 'status', []]]);
  });

  it('rejects with the main process error, its code included, as plain data when the call fails', async () => {
    const error = { name: 'ApiRequestError', message: 'invalid arguments for top', code: 'bad-request' };
    const { exposed } = loadPreload(argv, () => ({ ok: false, error }));
    const bridge = exposed.get('serendip') as { call(m: string, a: unknown[]): Promise<unknown> };
    await expect(bridge.call('top', ['x'])).rejects.toEqual(error);
  });

  it('refuses unknown methods and non-array arguments before anything is sent', async () => {
    const { exposed, invocations } = loadPreload(argv);
    const bridge = exposed.get('serendip') as { call(m: unknown, a: unknown): Promise<unknown> };
    await expect(bridge.call('constructor', [])).rejects.toThrow('unknown API method');
    await expect(bridge.call('__proto__', [])).rejects.toThrow('unknown API method');
    await expect(bridge.call(42, [])).rejects.toThrow('unknown API method');
    await expect(bridge.call('status', 'not an array')).rejects.toThrow('must be an array');
    expect(invocations).toEqual([]);
  });

  it('refuses every call when the main process passed no method list', async () => {
    const { exposed, invocations } = loadPreload(['/usr/bin/serendip']);
    const bridge = exposed.get('serendip') as { call(m: string, a: unknown[]): Promise<unknown> };
    await expect(bridge.call('status', [])).rejects.toThrow('unknown API method');
    expect(invocations).toEqual([]);
  });

  it('delivers job event payloads, never the IPC event, until unsubscribed', () => {
    const { exposed, listeners } = loadPreload(argv);
    const bridge = exposed.get('serendip') as { onJobEvent(cb: (e: unknown) => void): () => void };
    const received: unknown[] = [];
    const unsubscribe = bridge.onJobEvent((e) => received.push(e));
    const channel = listeners.get(JOB_EVENT_CHANNEL)!;
    expect(channel.size).toBe(1);
    const payload = { type: 'progress', job: { id: 'job-1' } };
    for (const listener of channel) listener({ sender: 'ipc internals', ports: [] }, payload);
    expect(received).toEqual([payload]);
    unsubscribe();
    expect(channel.size).toBe(0);
  });
});
