// The answer to File > Open / New from folder / Demo / Recent, in browser mode and in the
// desktop app alike: owns the one open workspace (through WorkspaceSession, which closes
// the previous one only after the next has opened) and checks every path first. It only
// ever opens folders as workspaces; it never reads or lists other files, so the API
// cannot be used to browse the disk.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import {
  NewWorkspaceRequest,
  OpenWorkspaceRequest,
  type OpenedWorkspace,
  type RecentWorkspaceInfo,
  type WorkspaceHost,
} from '../api/contract.js';
import { ApiRequestError } from '../api/api-methods.js';
import { RevealFolderRequest, SuggestWorkspaceRequest, type SuggestedWorkspace } from '../api/contract-workspaces.js';
import { SerendipError } from '../api/errors.js';
import type { SerendipService } from '../api/serendip-service.js';
import type { JobEvent } from '../api/view-types.js';
import { DATABASE_FILE } from '../workspace/workspace.js';
import type { RecentWorkspaces, WorkspaceCounts } from '../workspace/recent-workspaces.js';
import { defaultWorkspaceFor, workspaceLocationProblem } from '../workspace/workspace-locations.js';
import type { ObjectSource } from './pipeline-steps.js';
import { WorkspaceSession } from './workspace-session.js';

export interface WorkspaceHubOptions {
  recent: RecentWorkspaces;
  /** Where the demo collection's workspace lives (made on first use). */
  demoDir: string;
  /** Where new workspaces go by default: `<workspacesDir>/<folder name>` (user-data.ts workspacesDir). */
  workspacesDir: string;
  /** Shows a folder in the system's file manager; absent where there is none to show (browser mode). */
  revealFolder?: (path: string) => void;
}

type Kind = 'missing' | 'file' | 'folder';

function kindOf(path: string): Kind {
  try {
    return statSync(path).isDirectory() ? 'folder' : 'file';
  } catch {
    return 'missing';
  }
}

const isWorkspace = (dir: string) => existsSync(join(dir, DATABASE_FILE));

/** A place a new workspace cannot take: a file, or a folder that holds anything (a workspace included). */
const isTaken = (dir: string) => {
  const kind = kindOf(dir);
  return kind === 'file' || (kind === 'folder' && readdirSync(dir).length > 0);
};

/** What the recent list records of a workspace: a few counts its status already keeps. */
function countsOf(service: SerendipService): Required<WorkspaceCounts> {
  const status = service.status();
  return { objects: status.objects, problems: status.errors + status.warnings };
}

export class WorkspaceHub implements WorkspaceHost {
  private readonly listeners = new Set<(event: JobEvent) => void>();
  private readonly session = new WorkspaceSession((event) => {
    for (const listener of this.listeners) listener(event);
  });
  private readonly openListeners = new Set<(root: string) => void>();
  /** Switches run one at a time, so two quick clicks cannot interleave open and close. */
  private switching: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: WorkspaceHubOptions) {}

  /** The open workspace's service, or null before the first open. */
  get service(): SerendipService | null {
    return this.session.service;
  }

  /** The open workspace's folder, or null before the first open. */
  get root(): string | null {
    return this.session.root;
  }

  /** Job events of whichever workspace is open; returns an unsubscribe function. */
  onDidChangeJob(listener: (event: JobEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Another workspace is open now (whoever asked: the app's chooser or a shell's menu); gets its folder. */
  onDidOpenWorkspace(listener: (root: string) => void): () => void {
    this.openListeners.add(listener);
    return () => this.openListeners.delete(listener);
  }

  /** Makes an already opened service the current workspace (serve's starting point). */
  async adopt(service: SerendipService): Promise<void> {
    service.attachWorkspaceHost(this);
    await this.session.adopt(service);
    this.options.recent.add(service.workspace.paths.root, new Date(), countsOf(service));
    this.didOpen(service.workspace.paths.root);
  }

  recentWorkspaces(): RecentWorkspaceInfo[] {
    const current = this.session.root;
    const live = this.service ? countsOf(this.service) : null;
    return this.options.recent.list().map((w) => ({
      path: w.path,
      name: basename(w.path),
      openedAt: w.openedAt,
      objects: w.path === current && live ? live.objects : (w.objects ?? null),
      problems: w.path === current && live ? live.problems : (w.problems ?? null),
      available: isWorkspace(w.path),
      current: w.path === current,
    }));
  }

  openWorkspace(request: OpenWorkspaceRequest): Promise<OpenedWorkspace> {
    const r = OpenWorkspaceRequest.parse(request);
    const dir = resolve(r.path);
    const kind = kindOf(dir);
    if (kind === 'file') throw new ApiRequestError(`${dir} is a file; choose a workspace folder`);
    if (kind === 'missing' && !r.create) throw new ApiRequestError(`there is no folder ${dir}`);
    if (!r.create && !isWorkspace(dir))
      throw new ApiRequestError(
        `${dir} is not a Serendip workspace (it has no ${DATABASE_FILE}); make one from a folder instead`,
      );
    return this.switchTo(dir, { create: r.create });
  }

  createWorkspaceFromFolder(request: NewWorkspaceRequest): Promise<OpenedWorkspace> {
    const r = NewWorkspaceRequest.parse(request);
    const folder = resolve(r.folder);
    const kind = kindOf(folder);
    if (kind !== 'folder')
      throw new ApiRequestError(
        kind === 'file'
          ? `${folder} is a file; choose the folder that holds the files`
          : `there is no folder ${folder}`,
      );
    const target = resolve(r.workspace ?? this.suggestWorkspaceLocation({ folder }).path);
    const catalog = r.catalog === undefined ? undefined : resolve(r.catalog);
    if (catalog !== undefined && kindOf(catalog) !== 'file')
      throw new ApiRequestError(`there is no catalog file ${catalog}; choose a CSV, TSV or Parquet table`);
    const problem = workspaceLocationProblem(target, [folder]);
    if (problem) throw new ApiRequestError(problem);
    const targetKind = kindOf(target);
    if (targetKind === 'file')
      throw new ApiRequestError(`${target} is a file; choose a new or empty folder for the workspace`);
    // Never write a workspace into a folder that holds something else.
    if (targetKind === 'folder' && !isWorkspace(target) && readdirSync(target).length > 0) {
      throw new ApiRequestError(`${target} is not empty; choose a new or empty folder for the workspace`);
    }
    return this.switchTo(target, { create: true, source: { kind: 'folders', paths: [folder], catalog } });
  }

  suggestWorkspaceLocation(request: SuggestWorkspaceRequest): SuggestedWorkspace {
    const folder = resolve(SuggestWorkspaceRequest.parse(request).folder);
    const path = defaultWorkspaceFor(folder, this.options.workspacesDir, isTaken);
    return { path, name: basename(path) };
  }

  revealFolder(request: RevealFolderRequest): { shown: string } {
    const path = resolve(RevealFolderRequest.parse(request).path);
    if (!this.options.revealFolder)
      throw new SerendipError('unsupported', `the browser cannot open folders; the folder is ${path}`);
    if (kindOf(path) !== 'folder') throw new ApiRequestError(`there is no folder ${path}`);
    this.options.revealFolder(path);
    return { shown: path };
  }

  openDemo(): Promise<OpenedWorkspace> {
    return this.switchTo(resolve(this.options.demoDir), { create: true, source: { kind: 'demo' } });
  }

  /** Cancels the open workspace's jobs and closes it. */
  close(): Promise<void> {
    return this.session.close();
  }

  private switchTo(dir: string, options: { create: boolean; source?: ObjectSource }): Promise<OpenedWorkspace> {
    const next = this.switching.then(async () => {
      const leaving = this.service;
      // The open one again: keep it (a second handle on the same database helps nobody).
      if (leaving && resolve(leaving.workspace.paths.root) === dir) {
        return { root: dir, name: basename(dir), jobIds: this.session.queue(options.source ?? { kind: 'none' }) };
      }
      if (leaving) this.options.recent.noteCounts(leaving.workspace.paths.root, countsOf(leaving));
      const jobIds = await this.session.open(dir, options);
      const service = this.service!;
      service.attachWorkspaceHost(this);
      this.options.recent.add(dir, new Date(), countsOf(service));
      this.didOpen(dir);
      return { root: dir, name: basename(dir), jobIds };
    });
    this.switching = next.catch(() => {});
    return next;
  }

  private didOpen(root: string): void {
    for (const listener of this.openListeners) listener(root);
  }
}
