// The main entry's effects at import time (before `ready`), against a fake `electron`:
// privileged schemes, the sandbox switch, WebGPU's switches, the single-instance lock, hardening of every
// web contents, and quitting when the last window closes.
import { afterEach, describe, expect, it, vi } from 'vitest';

const fake = await vi.hoisted(async () => (await import('../unit/main/fake-electron.js')).createFakeElectron());
vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

async function importMain(options: { gotLock: boolean }) {
  vi.resetModules();
  fake.state.gotLock = options.gotLock;
  fake.state.appListeners.clear();
  fake.state.privilegedSchemes.length = 0;
  fake.state.quitCalls = 0;
  // Never ready: the test looks at what happens before, and no workspace is opened.
  fake.state.whenReady = new Promise<void>(() => undefined);
  await import('../../electron/main/main.js');
}

const listener = (event: string) => fake.state.appListeners.get(event)?.[0];

afterEach(() => vi.unstubAllGlobals());

describe('main entry', () => {
  it('registers both schemes as privileged and enables the sandbox before ready', async () => {
    await importMain({ gotLock: true });
    expect(fake.state.privilegedSchemes.map((s) => s.scheme)).toEqual(['app', 'serendip-file']);
    for (const s of fake.state.privilegedSchemes) expect(s.privileges).toMatchObject({ standard: true, secure: true });
    expect(fake.state.privilegedSchemes.some((s) => s.privileges?.bypassCSP)).toBe(false);
    expect(fake.state.sandboxEnabled).toBe(true);
  });

  it('opens WebGPU to the GPU window before ready on Linux', async () => {
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
    try {
      Object.defineProperty(process, 'platform', { value: 'linux' });
      fake.state.switches.length = 0;
      await importMain({ gotLock: true });
      expect(fake.state.switches).toEqual([
        { name: 'enable-unsafe-webgpu', value: undefined },
        { name: 'enable-features', value: 'Vulkan' },
      ]);
    } finally {
      Object.defineProperty(process, 'platform', platform);
    }
  });

  it('blocks navigation, new windows and webviews in every web contents', async () => {
    await importMain({ gotLock: true });
    const handlers = new Map<string, (event: { preventDefault(): void }) => void>();
    let openHandler: (() => unknown) | null = null;
    listener('web-contents-created')!(
      {},
      {
        on: (name: string, h: (event: { preventDefault(): void }) => void) => handlers.set(name, h),
        setWindowOpenHandler: (h: () => unknown) => (openHandler = h),
      },
    );
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      let prevented = false;
      handlers.get(name)!({ preventDefault: () => (prevented = true) });
      expect(prevented, name).toBe(true);
    }
    expect(openHandler!()).toEqual({ action: 'deny' });
  });

  it('quits when the last window closes, except on macOS', async () => {
    await importMain({ gotLock: true });
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
    try {
      Object.defineProperty(process, 'platform', { value: 'linux' });
      listener('window-all-closed')!();
      expect(fake.state.quitCalls).toBe(1);
      Object.defineProperty(process, 'platform', { value: 'darwin' });
      listener('window-all-closed')!();
      expect(fake.state.quitCalls).toBe(1);
    } finally {
      Object.defineProperty(process, 'platform', platform);
    }
  });

  it('leaves at once when another instance holds the lock', async () => {
    await importMain({ gotLock: false });
    expect(fake.state.quitCalls).toBe(1);
    expect(listener('second-instance')).toBeUndefined();
    expect(listener('web-contents-created')).toBeUndefined();
  });
});
