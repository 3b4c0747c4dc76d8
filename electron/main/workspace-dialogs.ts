// The native dialogs: choosing a workspace, a folder to ingest, where a new workspace goes,
// where an export goes; errors and the shortcuts list. Each returns null when cancelled.
import { app, dialog, type BrowserWindow } from 'electron';
import { formatShortcuts } from './keyboard-shortcuts.js';

async function chooseFolder(
  window: BrowserWindow | null,
  title: string,
  buttonLabel: string,
  defaultPath?: string,
): Promise<string | null> {
  const options: Electron.OpenDialogOptions = {
    title,
    buttonLabel,
    defaultPath,
    properties: ['openDirectory', 'createDirectory'],
  };
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0];
}

export function chooseWorkspace(window: BrowserWindow | null): Promise<string | null> {
  return chooseFolder(window, 'Open a Serendip workspace', 'Open workspace');
}

export function chooseFolderToIngest(window: BrowserWindow | null): Promise<string | null> {
  return chooseFolder(window, 'Choose a folder of images or spectra', 'Ingest this folder');
}

/** `suggested`: the hub's suggestion, `<workspaces folder>/<folder name>`. */
export async function chooseNewWorkspaceLocation(
  window: BrowserWindow | null,
  suggested: string,
): Promise<string | null> {
  const options: Electron.SaveDialogOptions = {
    title: 'Where should the new workspace go?',
    buttonLabel: 'Create workspace',
    defaultPath: suggested,
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
}

/** A catalog table joined to the new workspace's objects at ingest; cancelling attaches none. */
export async function chooseCatalog(window: BrowserWindow | null): Promise<string | null> {
  const options: Electron.OpenDialogOptions = {
    title: 'Attach a catalog (optional: Cancel attaches none)',
    buttonLabel: 'Attach catalog',
    filters: [{ name: 'Catalog tables', extensions: ['csv', 'tsv', 'parquet'] }],
    properties: ['openFile'],
  };
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0];
}

export type ExportScope = 'labelled' | 'all';

export async function chooseExportScope(window: BrowserWindow | null): Promise<ExportScope | null> {
  const options: Electron.MessageBoxOptions = {
    type: 'question',
    title: 'Export',
    message: 'What should the export hold?',
    detail: 'Objects are written as objects.csv and objects.parquet, with their labels, scores and metadata.',
    buttons: ['Labelled objects', 'All objects', 'Cancel'],
    defaultId: 0,
    cancelId: 2,
  };
  const { response } = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
  return response === 0 ? 'labelled' : response === 1 ? 'all' : null;
}

export function chooseExportFolder(window: BrowserWindow | null): Promise<string | null> {
  return chooseFolder(window, 'Choose a folder for the export', 'Export here');
}

export async function showError(window: BrowserWindow | null, message: string, err: unknown): Promise<void> {
  const options: Electron.MessageBoxOptions = {
    type: 'error',
    title: 'Serendip',
    message,
    detail: err instanceof Error ? err.message : String(err),
  };
  await (window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options));
}

export async function showKeyboardShortcuts(window: BrowserWindow | null): Promise<void> {
  const options: Electron.MessageBoxOptions = {
    type: 'info',
    title: 'Keyboard shortcuts',
    message: 'Keyboard shortcuts',
    detail: formatShortcuts(process.platform),
  };
  await (window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options));
}

export async function showAbout(window: BrowserWindow | null): Promise<void> {
  const options: Electron.MessageBoxOptions = {
    type: 'info',
    title: 'About Serendip',
    message: `Serendip ${app.getVersion()}`,
    detail: 'Explore offline collections of galaxy images and spectra, rank the unexpected, label what matters.',
  };
  await (window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options));
}
