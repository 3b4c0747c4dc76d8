// Requests and results of the create-workspace flow's helpers: where a new workspace made
// from a folder would go (so the chooser can show it before anything is written), and showing
// a folder (an export's) in the system's file manager, which only the desktop app can do.
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
