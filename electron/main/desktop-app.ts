// The desktop app's behaviour: which workspace is open, the window, the menu and what its
// items do. Electron objects are created here; the decisions they apply live in the small
// modules beside this one.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app, Menu, session, type BrowserWindow } from 'electron';
import { API_METHODS } from '../core/api/api-methods.js';
import { demoWorkspaceDir, userDataDir } from '../core/user-data.js';
import { DATABASE_FILE } from '../core/workspace/workspace.js';
import { menuTemplate } from './app-menu.js';
import { handleApiCalls, sendJobEvent } from './ipc-handlers.js';
import { createMainWindow, windowTitle } from './main-window.js';
import type { ObjectSource } from '../core/session/pipeline-steps.js';
import { serveRenderer, serveWorkspaceFiles } from './protocol-handlers.js';
import { RecentWorkspaces } from '../core/workspace/recent-workspaces.js';
import { denyAllPermissions } from './window-hardening.js';
import * as dialogs from './workspace-dialogs.js';
import { workspaceLocationProblem } from '../core/workspace/workspace-locations.js';
import { WorkspaceSession } from '../core/session/workspace-session.js';

export interface AppPaths {
  /** dist/electron/preload/preload.cjs */
  preload: string;
  /** dist/renderer */
  renderer: string;
}

export class DesktopApp {
  private window: BrowserWindow | null = null;
  private readonly workspace = new WorkspaceSession((event) => sendJobEvent(this.window, event));
  private readonly recent = RecentWorkspaces.inUserData(userDataDir());
  private readonly development = !app.isPackaged;

  constructor(private readonly paths: AppPaths) {}

  /** After `ready`: protocols and IPC first, then the workspace, then the window that shows it. */
  async start(requested: string | null): Promise<void> {
    denyAllPermissions(session.defaultSession);
    serveRenderer(this.paths.renderer);
    serveWorkspaceFiles(() => this.workspace.root);
    handleApiCalls({ window: () => this.window, api: () => this.workspace.service });
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
    const window = createMainWindow({ preloadPath: this.paths.preload, apiMethods: Object.keys(API_METHODS), development: this.development });
    window.setTitle(windowTitle(this.workspace.root));
    window.on('closed', () => {
      if (this.window === window) this.window = null;
    });
    this.window = window;
    this.refreshMenu();
    return window;
  }

  /** A second launch focuses this window and opens the workspace it named, if any. */
  async onSecondInstance(requested: string | null): Promise<void> {
    this.showWindow();
    if (requested) await this.open(requested, { create: false });
  }

  /** Cancels running jobs and closes the database; called once while quitting. */
  shutdown(): Promise<void> {
    return this.workspace.close();
  }

  private async openFirstWorkspace(requested: string | null): Promise<void> {
    const candidates = requested ? [requested] : this.recent.list().map((w) => w.path).filter((p) => existsSync(join(p, DATABASE_FILE)));
    for (const dir of candidates.slice(0, 1)) if (await this.open(dir, { create: false })) return;
    await this.openDemo();
  }

  private async open(dir: string, options: { create: boolean; source?: ObjectSource }): Promise<boolean> {
    try {
      await this.workspace.open(dir, options);
    } catch (err) {
      await dialogs.showError(this.window, `Could not open ${dir}`, err);
      return false;
    }
    this.recent.add(dir);
    this.refreshMenu();
    if (this.window && !this.window.isDestroyed()) {
      this.window.setTitle(windowTitle(dir));
      // The page reads everything afresh from the new workspace.
      this.window.webContents.reload();
    }
    return true;
  }

  private openDemo(): Promise<boolean> {
    return this.open(demoWorkspaceDir(), { create: true, source: { kind: 'demo' } });
  }

  private async openWorkspaceDialog(): Promise<void> {
    const dir = await dialogs.chooseWorkspace(this.window);
    if (dir) await this.open(dir, { create: false });
  }

  private async newWorkspaceFromFolder(): Promise<void> {
    const source = await dialogs.chooseFolderToIngest(this.window);
    if (!source) return;
    const target = await dialogs.chooseNewWorkspaceLocation(this.window, source);
    if (!target) return;
    const problem = workspaceLocationProblem(target, [source]);
    if (problem) return dialogs.showError(this.window, 'Choose another place for the workspace', new Error(problem));
    await this.open(target, { create: true, source: { kind: 'folders', paths: [source] } });
  }

  private async openRecent(dir: string): Promise<void> {
    if (!(await this.open(dir, { create: false }))) {
      this.recent.remove(dir);
      this.refreshMenu();
    }
  }

  private async exportCollection(): Promise<void> {
    const service = this.workspace.service;
    if (!service) return;
    const scope = await dialogs.chooseExportScope(this.window);
    if (!scope) return;
    const out = await dialogs.chooseExportFolder(this.window);
    if (!out) return;
    try {
      // A job like any other: its progress shows in the Jobs view.
      service.startJob('exportCollection', [{ out, formats: ['csv', 'parquet'], labelledOnly: scope === 'labelled' }]);
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
      { platform: process.platform, recent: this.recent.list(), development: this.development, workspaceOpen: this.workspace.service !== null },
    );
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  }
}
