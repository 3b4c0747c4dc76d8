// A stand-in for the `electron` module, recording what the shell asks of it, so the main
// process's wiring runs in plain Node (the Electron binary cannot be installed everywhere).
// Used with vi.mock('electron', ...); only the members the shell uses exist.

// The fake takes whatever the shell passes, as Electron's own loosely typed events do.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handler = (...args: any[]) => any;

export class FakeWebContents {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly sent: { channel: string; payload: unknown }[] = [];
  reloads = 0;
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  reload(): void {
    this.reloads++;
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
    },
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
