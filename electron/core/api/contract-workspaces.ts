// Requests and results of opening and making workspaces, which the shell answers (WorkspaceHost):
// the recent list, opening a folder, making one from a folder of files (and where it would go,
// so the chooser can show it before anything is written), and showing a folder (an export's)
// in the system's file manager, which only the desktop app can do.
import { z } from 'zod';

const path = z.string().trim().min(1).max(4096);

/** The folder a new workspace would be made from. */
export const SuggestWorkspaceRequest = z.object({ folder: path });
export type SuggestWorkspaceRequest = z.input<typeof SuggestWorkspaceRequest>;

export interface SuggestedWorkspace {
  /** `<workspaces folder>/<folder name>` (numbered when that one is taken). */
  path: string;
  /** The workspace's name: its folder's. */
  name: string;
}

/** A folder to show in the file manager (Electron's shell); browser mode answers `unsupported`. */
export const RevealFolderRequest = z.object({ path });
export type RevealFolderRequest = z.input<typeof RevealFolderRequest>;

/** Open a workspace folder; `create`: make an empty workspace there when it has none. */
export const OpenWorkspaceRequest = z.object({ path, create: z.boolean().default(false) });
export type OpenWorkspaceRequest = z.input<typeof OpenWorkspaceRequest>;

/**
 * Make a workspace from a folder of files; `workspace` default: `<workspaces folder>/<folder name>`; `catalog`: a CSV,
 * TSV or Parquet table joined to the objects at ingest (`ingest --catalog`).
 */
export const NewWorkspaceRequest = z.object({
  folder: path,
  workspace: path.optional(),
  catalog: path.optional(),
});
export type NewWorkspaceRequest = z.input<typeof NewWorkspaceRequest>;

/** A workspace just opened, and the jobs queued to make it explorable (ingest, embed, ...). */
export interface OpenedWorkspace {
  root: string;
  name: string;
  jobIds: string[];
}

/** One entry of the recent-workspaces list, newest first. */
export interface RecentWorkspaceInfo {
  path: string;
  name: string;
  /** ISO time it was last opened. */
  openedAt: string;
  /** Objects it held when last seen; null when never counted. */
  objects: number | null;
  /** Files that failed to ingest or were read with warnings, when last seen; null when never counted. */
  problems: number | null;
  /** False when the folder or its database is gone. */
  available: boolean;
  /** True for the workspace open now. */
  current: boolean;
}

/**
 * Switching workspaces is the shell's business (it owns the one open service), so a
 * SerendipService answers these only when a shell has attached itself as the host.
 */
export interface WorkspaceHost {
  recentWorkspaces(): RecentWorkspaceInfo[];
  openWorkspace(request: OpenWorkspaceRequest): Promise<OpenedWorkspace>;
  createWorkspaceFromFolder(request: NewWorkspaceRequest): Promise<OpenedWorkspace>;
  openDemo(): Promise<OpenedWorkspace>;
  suggestWorkspaceLocation(request: SuggestWorkspaceRequest): SuggestedWorkspace;
  revealFolder(request: RevealFolderRequest): { shown: string };
}
