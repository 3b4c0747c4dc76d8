// The GPU window against a fake `electron`: made on the first task and reused, its page sent one
// port per task on the port channel, the channel carrying messages both ways, and the page's end
// (a crash, a closed window) reported to the task.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type {
  HostMessage,
  PageMessage,
} from '../../../electron/core/discovery/embeddings/learned/model-job-protocol.js';
import type { FakeMessagePortMain } from './fake-electron.js';

const fake = await vi.hoisted(async () => (await import('./fake-electron.js')).createFakeElectron());
vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

const { GpuWindow } = await import('../../../electron/main/gpu-window.js');
const { MODEL_TASK_PORT_CHANNEL, TRAINER_URL } = await import('../../../electron/main/gpu-window-options.js');

const settings = { preloadPath: '/app/dist/electron/preload/trainer-preload.cjs', development: false };

beforeEach(() => {
  fake.state.windows.length = 0;
});

/** The page's end of the n-th task's channel. */
function pagePort(n: number): FakeMessagePortMain {
  const posted = fake.state.windows.at(-1)!.webContents.posted;
  expect(posted[n].channel).toBe(MODEL_TASK_PORT_CHANNEL);
  return posted[n].ports[0];
}

describe('GpuWindow', () => {
  it('makes one hidden window on the first task, loads the trainer page, and reuses it', async () => {
    const gpu = new GpuWindow(settings);
    expect(fake.state.windows).toHaveLength(0);
    await gpu.open();
    await gpu.open();
    expect(fake.state.windows).toHaveLength(1);
    const window = fake.state.windows[0];
    expect(window.loaded).toEqual([TRAINER_URL]);
    expect(window.options).toMatchObject({
      show: false,
      webPreferences: { sandbox: true, preload: settings.preloadPath },
    });
    expect(window.webContents.posted.map((p) => p.ports.length)).toEqual([1, 1]);
  });

  it('carries host and page messages over the task port', async () => {
    const channel = await new GpuWindow(settings).open();
    const page = pagePort(0);
    const fromHost: unknown[] = [];
    page.on('message', (event: { data: unknown }) => fromHost.push(event.data));
    const fromPage: PageMessage[] = [];
    channel.onMessage((message) => fromPage.push(message));
    const cancel: HostMessage = { type: 'cancel' };
    channel.post(cancel, []);
    page.postMessage({ type: 'cancelled' });
    expect(fromHost).toEqual([cancel]);
    expect(fromPage).toEqual([{ type: 'cancelled' }]);
  });

  it("reports the page's crash to the task and gives the next task a new window", async () => {
    const gpu = new GpuWindow(settings);
    const first = await gpu.open();
    const reasons: string[] = [];
    first.onClose((reason) => reasons.push(reason));
    fake.state.windows[0].webContents.emit('render-process-gone', {}, { reason: 'crashed' });
    expect(reasons).toEqual(["the GPU window's page stopped (crashed); run the task again"]);
    await gpu.open();
    expect(fake.state.windows).toHaveLength(2);
    expect(fake.state.windows[0].isDestroyed()).toBe(true);
  });

  it('reports a dropped port to its task; a closed window is made again for the next', async () => {
    const gpu = new GpuWindow(settings);
    const channel = await gpu.open();
    const reasons: string[] = [];
    channel.onClose((reason) => reasons.push(reason));
    pagePort(0).close();
    expect(reasons).toEqual(["the GPU window dropped the task's channel; run the task again"]);
    gpu.close();
    expect(fake.state.windows[0].isDestroyed()).toBe(true);
    await gpu.open();
    expect(fake.state.windows).toHaveLength(2);
  });

  it("closes its end of a finished task's port and stops listening to the page", async () => {
    const channel = await new GpuWindow(settings).open();
    const contents = fake.state.windows[0].webContents;
    const listening = contents.listenerCount('render-process-gone');
    channel.close();
    expect(pagePort(0).peer!.closed).toBe(true);
    expect(contents.listenerCount('render-process-gone')).toBe(listening - 1);
    expect(contents.listenerCount('destroyed')).toBe(0);
  });
});
