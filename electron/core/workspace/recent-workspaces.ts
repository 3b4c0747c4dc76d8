// The list behind File > Recent workspaces (and the browser's workspace chooser): newest first, at most MAX_RECENT,
// kept as JSON in the user-data folder. Written atomically; a missing, corrupt or hand-edited file reads as
// the entries that still make sense (possibly none) and never stops the app from starting.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { writeFileAtomicSync } from '../util/atomic-write.js';

export const RECENT_WORKSPACES_FILE = 'recent-workspaces.json';
export const MAX_RECENT = 10;

export interface RecentWorkspace {
  /** Absolute path of the workspace folder. */
  path: string;
  /** ISO time it was last opened. */
  openedAt: string;
  /** Objects it held when last open; absent when never counted. */
  objects?: number;
  /** Files that failed to ingest or were read with warnings, when last open; absent when never counted. */
  problems?: number;
}

/** What a workspace held when last seen: cheap counts from its status. */
export type WorkspaceCounts = Pick<RecentWorkspace, 'objects' | 'problems'>;

const Entry = z.object({
  path: z.string().min(1).max(4096),
  openedAt: z.string().max(64),
  objects: z.number().int().min(0).optional(),
  problems: z.number().int().min(0).optional(),
});
const FILE_VERSION = 1;

/** The counts that are known, so an unknown one never overwrites one already recorded. */
function definedCounts(counts: WorkspaceCounts): WorkspaceCounts {
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n !== undefined));
}

export class RecentWorkspaces {
  constructor(private readonly file: string) {}

  static inUserData(userDataDir: string): RecentWorkspaces {
    return new RecentWorkspaces(join(userDataDir, RECENT_WORKSPACES_FILE));
  }

  list(): RecentWorkspace[] {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch {
      return []; // absent or not JSON
    }
    const entries = (parsed as { workspaces?: unknown } | null)?.workspaces;
    if (!Array.isArray(entries)) return [];
    const seen = new Set<string>();
    const valid: RecentWorkspace[] = [];
    for (const entry of entries) {
      const ok = Entry.safeParse(entry);
      if (!ok.success || seen.has(ok.data.path)) continue;
      seen.add(ok.data.path);
      valid.push(ok.data);
    }
    return valid.slice(0, MAX_RECENT);
  }

  /** Puts `workspace` first (moving it if already listed) and saves. */
  add(workspace: string, openedAt = new Date(), counts: WorkspaceCounts = {}): RecentWorkspace[] {
    const path = resolve(workspace);
    const entry: RecentWorkspace = { path, openedAt: openedAt.toISOString(), ...definedCounts(counts) };
    const next = [entry, ...this.list().filter((w) => w.path !== path)].slice(0, MAX_RECENT);
    this.save(next);
    return next;
  }

  /** Records what a listed workspace holds (objects, problems), keeping its place in the list. */
  noteCounts(workspace: string, counts: WorkspaceCounts): void {
    const path = resolve(workspace);
    const list = this.list();
    if (!list.some((w) => w.path === path)) return;
    this.save(list.map((w) => (w.path === path ? { ...w, ...definedCounts(counts) } : w)));
  }

  remove(workspace: string): RecentWorkspace[] {
    const path = resolve(workspace);
    const next = this.list().filter((w) => w.path !== path);
    this.save(next);
    return next;
  }

  clear(): void {
    this.save([]);
  }

  private save(workspaces: RecentWorkspace[]): void {
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileAtomicSync(this.file, `${JSON.stringify({ version: FILE_VERSION, workspaces }, null, 2)}\n`);
  }
}
