// Where "New workspace from folder" puts the workspace, and which places it refuses: a
// workspace inside the folder it ingests would have its own thumbnails ingested next time.
import { basename, dirname, join, relative, isAbsolute, resolve } from 'node:path';

/** `<parent>/<folder>-serendip`, beside the source folder. */
export function defaultWorkspaceFor(source: string): string {
  const folder = resolve(source);
  return join(dirname(folder), `${basename(folder) || 'collection'}-serendip`);
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
