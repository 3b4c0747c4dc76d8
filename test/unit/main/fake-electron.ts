// A stand-in for the `electron` module, recording what the shell asks of it, so the main
// process's wiring runs in plain Node (the Electron binary cannot be installed everywhere).
// Used with vi.mock('electron', ...); only the members the shell uses exist.

// The fake takes whatever the shell passes, as Electron's own loosely typed events do.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handler = (...args: any[]) => any;

/** Node-style events, as Electron's objects have them. */
class FakeEmitter {
  private readonly listeners = new Map<string, Handler[]>();
  on(event: string, listener: Handler) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Handler) {
    const once = Object.assign(
      (...args: unknown[]) => {
        this.off(event, once);
        return listener(...args);
      },
      { listener },
    );
    return this.on(event, once);
  }
  /** Removes `listener`, also when it was added with once (as Node's EventEmitter does). */
  off(event: string, listener: Handler) {
    const kept = (this.listeners.get(event) ?? []).filter(
      (l) => l !== listener && (l as { listener?: Handler }).listener !== listener,
    );
    this.listeners.set(event, kept);
    return this;
  }
  emit(event: string, ...args: unknown[]) {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

export class FakeWebContents extends FakeEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly sent: { channel: string; payload: unknown }[] = [];
  /** webContents.postMessage: what went to the page, with the ports it carried. */
  readonly posted: { channel: string; message: unknown; ports: FakeMessagePortMain[] }[] = [];
  reloads = 0;
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  postMessage(channel: string, message: unknown, ports: FakeMessagePortMain[] = []): void {
    this.posted.push({ channel, message, ports });
  }
  reload(): void {
    this.reloads++;
  }
}

/** One end of a MessageChannelMain: what one end posts, the other end's 'message' listeners get. */
export class FakeMessagePortMain extends FakeEmitter {
  peer: FakeMessagePortMain | null = null;
  started = false;
  closed = false;
  postMessage(data: unknown): void {
    if (!this.closed) this.peer?.emit('message', { data, ports: [] });
  }
  start(): void {
    this.started = true;
  }
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.peer?.emit('close');
  }
}

export class FakeMessageChannelMain {
  readonly port1 = new FakeMessagePortMain();
  readonly port2 = new FakeMessagePortMain();
  constructor() {
    this.port1.peer = this.port2;
    this.port2.peer = this.port1;
  }
}

export function createFakeElectron() {
  const state = {
    privilegedSchemes: [] as { scheme: string; privileges?: Record<string, unknown> }[],
    protocolHandlers: new Map<string, (request: Request) => Promise<Response> | Response>(),
    ipcHandlers: new Map<string, Handler>(),
    appListeners: new Map<string, Handler[]>(),
    windows: [] as FakeBrowserWindow[],
    menuTemplates: [] as unknown[],
    sessionHandlers: new Map<string, Handler>(),
    sandboxEnabled: false,
    switches: [] as { name: string; value?: string }[],
    quitCalls: 0,
    gotLock: true,
    whenReady: Promise.resolve() as Promise<void>,
  };

  class FakeBrowserWindow {
    readonly webContents = new FakeWebContents();
    readonly loaded: string[] = [];
    title = '';
    destroyed = false;
    private readonly listeners = new Map<string, Handler[]>();
    constructor(readonly options: { webPreferences?: Record<string, unknown>; [option: string]: unknown }) {
      state.windows.push(this);
    }
    on(event: string, listener: Handler) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }
    once(event: string, listener: Handler) {
      return this.on(event, listener);
    }
    emit(event: string, ...args: unknown[]) {
      for (const listener of this.listeners.get(event) ?? []) listener(...args);
    }
    async loadURL(url: string) {
      this.loaded.push(url);
    }
    setTitle(title: string) {
      this.title = title;
    }
    isDestroyed() {
      return this.destroyed;
    }
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {}
    show() {}
    destroy() {
      this.destroyed = true;
      this.emit('closed');
    }
  }

  const electron = {
    app: {
      isPackaged: false,
      enableSandbox: () => void (state.sandboxEnabled = true),
      requestSingleInstanceLock: () => state.gotLock,
      quit: () => void state.quitCalls++,
      exit: () => undefined,
      isReady: () => true,
      whenReady: () => state.whenReady,
      getVersion: () => '0.0.0-test',
      on: (event: string, listener: Handler) =>
        void state.appListeners.set(event, [...(state.appListeners.get(event) ?? []), listener]),
      commandLine: {
        appendSwitch: (name: string, value?: string) => void state.switches.push({ name, value }),
        getSwitchValue: (name: string) => state.switches.findLast((s) => s.name === name)?.value ?? '',
      },
    },
    MessageChannelMain: FakeMessageChannelMain,
    protocol: {
      registerSchemesAsPrivileged: (schemes: typeof state.privilegedSchemes) =>
        void state.privilegedSchemes.push(...schemes),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
        void state.protocolHandlers.set(scheme, handler),
    },
    ipcMain: {
      handle: (channel: string, handler: Handler) => void state.ipcHandlers.set(channel, handler),
      removeHandler: (channel: string) => void state.ipcHandlers.delete(channel),
    },
    BrowserWindow: FakeBrowserWindow,
    Menu: {
      buildFromTemplate: (template: unknown) => template,
      setApplicationMenu: (menu: unknown) => void state.menuTemplates.push(menu),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: Handler) => void state.sessionHandlers.set('request', h),
        setPermissionCheckHandler: (h: Handler) => void state.sessionHandlers.set('check', h),
        setDevicePermissionHandler: (h: Handler) => void state.sessionHandlers.set('device', h),
        on: (event: string, h: Handler) => void state.sessionHandlers.set(event, h),
      },
    },
    dialog: {
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
      showSaveDialog: async () => ({ canceled: true }),
      showMessageBox: async () => ({ response: 0 }),
    },
  };
  return { electron, state };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
