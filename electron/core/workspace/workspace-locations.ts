// Where "New workspace from folder" puts the workspace, and which places it refuses. A new
// workspace goes in the user's workspaces folder (user-data.ts workspacesDir), named after the
// folder it ingests, so workspaces gather in one place and never land inside the data: a
// workspace inside the folder it ingests would have its own thumbnails ingested next time.
import { basename, join, relative, isAbsolute, resolve } from 'node:path';

/**
 * `<workspaces>/<folder name>`, or `<folder name> 2`, 3, … when `isTaken` says that one is (an existing, non-empty
 * folder that is not a workspace of it).
 */
export function defaultWorkspaceFor(
  source: string,
  workspacesDir: string,
  isTaken: (path: string) => boolean = () => false,
): string {
  const name = basename(resolve(source)) || 'collection';
  for (let n = 1; ; n++) {
    const candidate = join(resolve(workspacesDir), n === 1 ? name : `${name} ${n}`);
    if (!isTaken(candidate)) return candidate;
  }
}

function isSameOrInside(parent: string, child: string): boolean {
  const rel = relative(resolve(parent), resolve(child));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Why `workspace` cannot hold a workspace made from `sources`, or null when it can. */
export function workspaceLocationProblem(workspace: string, sources: readonly string[]): string | null {
  for (const source of sources) {
    if (isSameOrInside(source, workspace)) return `The workspace cannot be inside the folder it ingests (${source}).`;
    if (isSameOrInside(workspace, source)) return `The folder to ingest cannot be inside the workspace (${workspace}).`;
  }
  return null;
}
