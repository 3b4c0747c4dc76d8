// The application menu as a template. The actions are passed in, so the template is plain
// data that a test can inspect without Electron running.
import type { MenuItemConstructorOptions } from 'electron';
import { basename } from 'node:path';
import type { RecentWorkspace } from '../core/workspace/recent-workspaces.js';

export interface MenuActions {
  openWorkspace(): void;
  newWorkspaceFromFolder(): void;
  openDemo(): void;
  openRecent(path: string): void;
  clearRecent(): void;
  exportCollection(): void;
  showKeyboardShortcuts(): void;
  showAbout(): void;
}

export interface MenuContext {
  platform: NodeJS.Platform;
  recent: readonly RecentWorkspace[];
  /** Devtools and reload only in unpackaged runs. */
  development: boolean;
  /** Export needs an open workspace. */
  workspaceOpen: boolean;
}

function recentSubmenu(actions: MenuActions, recent: readonly RecentWorkspace[]): MenuItemConstructorOptions[] {
  if (recent.length === 0) return [{ label: 'No recent workspaces', enabled: false }];
  return [
    ...recent.map((w): MenuItemConstructorOptions => ({
      // The folder name, with the full path shown where the platform shows tooltips.
      label: basename(w.path) || w.path,
      toolTip: w.path,
      click: () => actions.openRecent(w.path),
    })),
    { type: 'separator' },
    { label: 'Clear recent workspaces', click: () => actions.clearRecent() },
  ];
}

export function menuTemplate(actions: MenuActions, context: MenuContext): MenuItemConstructorOptions[] {
  const mac = context.platform === 'darwin';
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'Open workspace…', accelerator: 'CmdOrCtrl+O', click: () => actions.openWorkspace() },
      {
        label: 'New workspace from folder…',
        accelerator: 'CmdOrCtrl+N',
        click: () => actions.newWorkspaceFromFolder(),
      },
      { label: 'Open demo collection', click: () => actions.openDemo() },
      { label: 'Recent workspaces', submenu: recentSubmenu(actions, context.recent) },
      { type: 'separator' },
      {
        label: 'Export…',
        accelerator: 'CmdOrCtrl+E',
        enabled: context.workspaceOpen,
        click: () => actions.exportCollection(),
      },
      ...(mac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      ...(context.development
        ? [{ role: 'reload' } as const, { role: 'toggleDevTools' } as const, { type: 'separator' } as const]
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      { label: 'Keyboard shortcuts', accelerator: 'F1', click: () => actions.showKeyboardShortcuts() },
      ...(mac ? [] : [{ label: 'About Serendip', click: () => actions.showAbout() }]),
    ],
  };
  return [
    ...(mac ? [{ role: 'appMenu' } as const] : []),
    file,
    { role: 'editMenu' },
    view,
    ...(mac ? [{ role: 'windowMenu' } as const] : []),
    help,
  ];
}
