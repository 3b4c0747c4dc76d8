import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { menuTemplate, type MenuActions } from '../../../electron/main/app-menu.js';
import { formatShortcuts } from '../../../electron/main/keyboard-shortcuts.js';

function recordingActions(calls: string[]): MenuActions {
  const record =
    (name: string) =>
    (...args: unknown[]) =>
      void calls.push([name, ...args].join(' '));
  return {
    openWorkspace: record('openWorkspace'),
    newWorkspaceFromFolder: record('newWorkspaceFromFolder'),
    openDemo: record('openDemo'),
    openRecent: record('openRecent'),
    clearRecent: record('clearRecent'),
    exportCollection: record('exportCollection'),
    showKeyboardShortcuts: record('showKeyboardShortcuts'),
    showAbout: record('showAbout'),
  };
}

const submenu = (item: MenuItemConstructorOptions | undefined) => (item?.submenu ?? []) as MenuItemConstructorOptions[];
const byLabel = (items: MenuItemConstructorOptions[], label: string) => items.find((i) => i.label === label);
const click = (item: MenuItemConstructorOptions | undefined) => (item?.click as unknown as () => void)();

const context = {
  platform: 'linux' as const,
  recent: [{ path: '/data/m31-cutouts', openedAt: '2025-01-01T00:00:00.000Z' }],
  development: false,
  workspaceOpen: true,
};

describe('application menu', () => {
  it('has File, Edit, View and Help, with the file actions wired', () => {
    const calls: string[] = [];
    const template = menuTemplate(recordingActions(calls), context);
    expect(template.map((m) => m.label ?? m.role)).toEqual(['File', 'editMenu', 'View', 'help']);
    const file = submenu(template[0]);
    for (const label of ['Open workspace…', 'New workspace from folder…', 'Open demo collection', 'Export…'])
      click(byLabel(file, label));
    click(byLabel(submenu(byLabel(file, 'Recent workspaces')), 'm31-cutouts'));
    click(byLabel(submenu(template[3]), 'Keyboard shortcuts'));
    expect(calls).toEqual([
      'openWorkspace',
      'newWorkspaceFromFolder',
      'openDemo',
      'exportCollection',
      'openRecent /data/m31-cutouts',
      'showKeyboardShortcuts',
    ]);
    expect(file.some((i) => i.role === 'quit')).toBe(true);
  });

  it('offers devtools only in development', () => {
    const roles = (development: boolean) =>
      submenu(menuTemplate(recordingActions([]), { ...context, development })[2]).map((i) => i.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toContain('toggleDevTools');
  });

  it('disables Export without a workspace and says when there are no recent ones', () => {
    const template = menuTemplate(recordingActions([]), { ...context, workspaceOpen: false, recent: [] });
    const file = submenu(template[0]);
    expect(byLabel(file, 'Export…')?.enabled).toBe(false);
    expect(submenu(byLabel(file, 'Recent workspaces'))).toEqual([{ label: 'No recent workspaces', enabled: false }]);
  });

  it('follows macOS conventions: app menu first, Quit there, a Window menu', () => {
    const template = menuTemplate(recordingActions([]), { ...context, platform: 'darwin' });
    expect(template.map((m) => m.label ?? m.role)).toEqual([
      'appMenu',
      'File',
      'editMenu',
      'View',
      'windowMenu',
      'help',
    ]);
    expect(submenu(template[1]).some((i) => i.role === 'quit')).toBe(false);
  });

  it('lists the shortcuts with the platform modifier', () => {
    expect(formatShortcuts('darwin')).toContain('Cmd+O');
    expect(formatShortcuts('linux')).toContain('Ctrl+O');
    expect(formatShortcuts('linux')).toMatch(/z\s+Undo the last label/);
  });
});
