// The desktop app's behaviour: the window, the menu and what its items do. Which workspace
// is open is the WorkspaceHub's business, as in browser mode, so the File menu and the
// app's own workspace chooser switch workspaces the same way. The learned models run in a
// hidden GPU window (gpu-window.ts) registered with core as its model-task host. Electron
// objects are created here; the decisions they apply live in the small modules beside this one.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { app, Menu, session, shell, type BrowserWindow } from 'electron';
import { API_METHODS } from '../core/api/api-methods.js';
import { EXPORT_FORMATS } from '../core/api/contract.js';
import { demoWorkspaceDir, userDataDir, workspacesDir } from '../core/user-data.js';
import { DATABASE_FILE } from '../core/workspace/workspace.js';
import { menuTemplate } from './app-menu.js';
import { handleApiCalls, sendJobEvent } from './ipc-handlers.js';
import { createMainWindow, windowTitle } from './main-window.js';
import { serveRenderer, serveWorkspaceFiles } from './protocol-handlers.js';
import { RecentWorkspaces } from '../core/workspace/recent-workspaces.js';
import { denyAllPermissions } from './window-hardening.js';
import * as dialogs from './workspace-dialogs.js';
import { WorkspaceHub } from '../core/session/workspace-hub.js';
import { ModelTaskHost } from '../core/discovery/embeddings/learned/model-task-host.js';
import { useModelTaskHost } from '../core/discovery/embeddings/learned/model-task-runner.js';
import { GpuWindow } from './gpu-window.js';

export interface AppPaths {
  /** dist/electron/preload/preload.cjs */
  preload: string;
  /** dist/renderer */
  renderer: string;
  /** dist/electron/preload/trainer-preload.cjs (the GPU window's); by default beside `preload`. */
  trainerPreload?: string;
}

export class DesktopApp {
  private window: BrowserWindow | null = null;
  private readonly recent = RecentWorkspaces.inUserData(userDataDir());
  private readonly workspaces = new WorkspaceHub({
    recent: this.recent,
    demoDir: demoWorkspaceDir(),
    workspacesDir: workspacesDir(),
    // A folder checked to be one by the hub: opening it shows it in the file manager, it runs nothing.
    revealFolder: (path) => void shell.openPath(path),
  });
  private readonly development = !app.isPackaged;
  private readonly gpuWindow: GpuWindow;

  constructor(private readonly paths: AppPaths) {
    const trainerPreload = paths.trainerPreload ?? join(dirname(paths.preload), 'trainer-preload.cjs');
    this.gpuWindow = new GpuWindow({ preloadPath: trainerPreload, development: this.development });
    this.workspaces.onDidChangeJob((event) => sendJobEvent(this.window, event));
    // Whoever switched (the menu here, or the chooser in the page), the title and the recent list follow.
    this.workspaces.onDidOpenWorkspace((root) => {
      if (this.window && !this.window.isDestroyed()) this.window.setTitle(windowTitle(root));
      this.refreshMenu();
    });
  }

  /** After `ready`: protocols and IPC first, then the workspace, then the window that shows it. */
  async start(requested: string | null): Promise<void> {
    denyAllPermissions(session.defaultSession);
    serveRenderer(this.paths.renderer);
    serveWorkspaceFiles(() => this.workspaces.root);
    handleApiCalls({ window: () => this.window, api: () => this.workspaces.service });
    // The window itself is made on the first model task.
    useModelTaskHost(new ModelTaskHost(this.gpuWindow));
    await this.openFirstWorkspace(requested);
    this.showWindow();
  }

  /** The window, made again when it was closed (macOS keeps running without one). */
  showWindow(): BrowserWindow {
    if (this.window && !this.window.isDestroyed()) {
      if (this.window.isMinimized()) this.window.restore();
      this.window.focus();
      return this.window;
    }
    const window = createMainWindow({
      preloadPath: this.paths.preload,
      apiMethods: Object.keys(API_METHODS),
      development: this.development,
    });
    window.setTitle(windowTitle(this.workspaces.root));
    window.on('closed', () => {
      if (this.window === window) this.window = null;
      // Off macOS the app quits with its window, and the hidden one would keep it alive.
      if (process.platform !== 'darwin') this.gpuWindow.close();
    });
    this.window = window;
    this.refreshMenu();
    return window;
  }

  /** A second launch focuses this window and opens the workspace it named, if any. */
  async onSecondInstance(requested: string | null): Promise<void> {
    this.showWindow();
    if (requested) await this.open(requested);
  }

  /** Cancels running jobs, closes the database, then the GPU window; called once while quitting. */
  shutdown(): Promise<void> {
    return this.workspaces.close().finally(() => {
      useModelTaskHost(null);
      this.gpuWindow.close();
    });
  }

  private async openFirstWorkspace(requested: string | null): Promise<void> {
    const candidates = requested
      ? [requested]
      : this.recent
          .list()
          .map((w) => w.path)
          .filter((p) => existsSync(join(p, DATABASE_FILE)));
    for (const dir of candidates.slice(0, 1)) if (await this.open(dir)) return;
    await this.openDemo();
  }

  /** Opens the workspace at `dir`; false (after telling the user why) when it cannot be opened. */
  private open(dir: string): Promise<boolean> {
    return this.switchWorkspace(`Could not open ${dir}`, () => this.workspaces.openWorkspace({ path: dir }));
  }

  private openDemo(): Promise<boolean> {
    return this.switchWorkspace('Could not open the demo collection', () => this.workspaces.openDemo());
  }

  /** A switch the menu asked for: errors become a dialog, and the page reloads from the new workspace. */
  private async switchWorkspace(failure: string, action: () => Promise<unknown>): Promise<boolean> {
    try {
      await action();
    } catch (err) {
      await dialogs.showError(this.window, failure, err);
      return false;
    }
    if (this.window && !this.window.isDestroyed()) this.window.webContents.reload();
    return true;
  }

  private async openWorkspaceDialog(): Promise<void> {
    const dir = await dialogs.chooseWorkspace(this.window);
    if (dir) await this.open(dir);
  }

  private async newWorkspaceFromFolder(): Promise<void> {
    const source = await dialogs.chooseFolderToIngest(this.window);
    if (!source) return;
    mkdirSync(workspacesDir(), { recursive: true });
    const suggested = this.workspaces.suggestWorkspaceLocation({ folder: source }).path;
    const target = await dialogs.chooseNewWorkspaceLocation(this.window, suggested);
    if (!target) return;
    const catalog = (await dialogs.chooseCatalog(this.window)) ?? undefined;
    // The hub refuses a workspace inside the folder (or the folder inside it), and a non-empty target.
    await this.switchWorkspace('Could not make the workspace', () =>
      this.workspaces.createWorkspaceFromFolder({ folder: source, workspace: target, catalog }),
    );
  }

  private async openRecent(dir: string): Promise<void> {
    if (!(await this.open(dir))) {
      this.recent.remove(dir);
      this.refreshMenu();
    }
  }

  private async exportCollection(): Promise<void> {
    const service = this.workspaces.service;
    if (!service) return;
    const scope = await dialogs.chooseExportScope(this.window);
    if (!scope) return;
    const out = await dialogs.chooseExportFolder(this.window);
    if (!out) return;
    try {
      // A job like any other: its progress shows in the Jobs view.
      const request = { out, formats: [...EXPORT_FORMATS], labelledOnly: scope === 'labelled' };
      service.startJob('exportCollection', [request]);
    } catch (err) {
      await dialogs.showError(this.window, 'Could not start the export', err);
    }
  }

  private refreshMenu(): void {
    const run = (action: () => Promise<unknown>) => () => {
      action().catch((err: unknown) => void dialogs.showError(this.window, 'Something went wrong', err));
    };
    const template = menuTemplate(
      {
        openWorkspace: run(() => this.openWorkspaceDialog()),
        newWorkspaceFromFolder: run(() => this.newWorkspaceFromFolder()),
        openDemo: run(() => this.openDemo()),
        openRecent: (dir) => run(() => this.openRecent(dir))(),
        clearRecent: () => {
          this.recent.clear();
          this.refreshMenu();
        },
        exportCollection: run(() => this.exportCollection()),
        showKeyboardShortcuts: run(() => dialogs.showKeyboardShortcuts(this.window)),
        showAbout: run(() => dialogs.showAbout(this.window)),
      },
      {
        platform: process.platform,
        recent: this.recent.list(),
        development: this.development,
        workspaceOpen: this.workspaces.service !== null,
      },
    );
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  }
}
