// A run is marked "running" when it starts and finished when it ends; a process killed in
// between (SIGKILL, power cut, the app force-quit) leaves it "running" for ever. Each run
// records its owner, "<host> <pid>", and opening a workspace marks the running runs whose
// owner on this host no longer exists as failed, saying they were interrupted. Owners on
// other hosts (a workspace on a shared disk used from a GPU node) cannot be checked and are
// left alone; so is a pid the system has since given to another process.
import { hostname } from 'node:os';
import type { Db } from '../database.js';
import { nowIso } from '../../util/time.js';

export function currentRunOwner(): string {
  return `${hostname()} ${process.pid}`;
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether `owner` names a process on this host that has stopped. */
export function ownerStopped(owner: string | null, host = hostname()): boolean {
  const match = owner ? /^(.*) (\d+)$/.exec(owner) : null;
  if (!match || match[1] !== host) return false;
  return !processExists(Number(match[2]));
}

/** Marks running runs whose process on this host has stopped as failed ("interrupted"); returns their ids. */
export function markInterruptedRuns(db: Db): string[] {
  const running = db.prepare(`SELECT id, owner FROM runs WHERE status = 'running' AND owner IS NOT NULL`).all() as {
    id: string;
    owner: string;
  }[];
  const stopped = running.filter((r) => ownerStopped(r.owner));
  if (stopped.length === 0) return [];
  const mark = db.prepare(
    `UPDATE runs SET status = 'failed', message = ?, finished = ? WHERE id = ? AND status = 'running' AND owner = ?`,
  );
  const marked: string[] = [];
  db.transaction(() => {
    for (const run of stopped) {
      const pid = run.owner.split(' ').pop();
      const message = `interrupted: the process running it (pid ${pid}) stopped before it finished`;
      if (mark.run(message, nowIso(), run.id, run.owner).changes === 1) marked.push(run.id);
    }
  })();
  return marked;
}
