// Objects that would collide in the merged workspace: the same name in two workspaces, or the same
// item of one source file (a split HDF5 file is fine while its shards' row ranges are disjoint).
// Checked in a scratch SQLite database on disk, deleted when closed, so 10M names never sit in memory.
import Database from 'better-sqlite3';
import type { Participant } from './merge-checks.js';
import { MergeRefusal } from './merge-input.js';

const EXAMPLES = 5;

/** Maps a participant's stored source path to the path the merged workspace records. */
export type TargetPath = (participant: Participant, stored: string) => string;

interface Clashes {
  count: number;
  examples: string[];
}

function refuse(what: string, clashes: Clashes, advice: string): never {
  const more = clashes.count > clashes.examples.length ? ', …' : '';
  throw new MergeRefusal(
    `${what} in more than one workspace (${clashes.count}): ${clashes.examples.join('; ')}${more}. ${advice}`,
  );
}

export function checkNamesAndItems(
  participants: readonly Participant[],
  targetPath: TargetPath,
  onProgress?: (done: number, total: number) => void,
): void {
  const scratch = new Database('');
  try {
    scratch.pragma('journal_mode = OFF');
    scratch.pragma('synchronous = OFF');
    scratch.exec(`
      CREATE TABLE names (name TEXT PRIMARY KEY, input INTEGER NOT NULL) WITHOUT ROWID;
      CREATE TABLE files (path TEXT NOT NULL, input INTEGER NOT NULL, file_id INTEGER NOT NULL,
        PRIMARY KEY (path, input)) WITHOUT ROWID;
      CREATE TABLE items (path TEXT NOT NULL, item INTEGER NOT NULL, input INTEGER NOT NULL,
        PRIMARY KEY (path, item)) WITHOUT ROWID;
    `);
    const label = (i: number): string => participants[i].input.label;
    const total = participants.reduce((n, p) => n + p.contents.objects, 0);
    let done = 0;

    const names: Clashes = { count: 0, examples: [] };
    const addName = scratch.prepare('INSERT INTO names VALUES (?, ?) ON CONFLICT(name) DO NOTHING');
    const ownerOfName = scratch.prepare('SELECT input FROM names WHERE name = ?').pluck();
    const addFile = scratch.prepare('INSERT OR IGNORE INTO files VALUES (?, ?, ?)');
    participants.forEach((p, i) => {
      scratch.transaction(() => {
        for (const name of p.input.db.prepare('SELECT name FROM objects').pluck().iterate() as Iterable<string>) {
          if (addName.run(name, i).changes === 0) {
            names.count++;
            if (names.examples.length < EXAMPLES)
              names.examples.push(`${name} (${label(ownerOfName.get(name) as number)} and ${label(i)})`);
          }
          if (++done % 100_000 === 0) onProgress?.(done, total);
        }
        const files = p.input.db.prepare('SELECT id, path FROM source_files').iterate() as Iterable<{
          id: number;
          path: string;
        }>;
        for (const f of files) addFile.run(targetPath(p, f.path), i, f.id);
      })();
    });
    onProgress?.(total, total);
    if (names.count > 0)
      refuse('object names', names, 'Merge shards that hold different objects (one plan, or disjoint files).');

    // Only files that several workspaces read can hold the same item twice.
    const shared = scratch
      .prepare(
        `SELECT f.path, f.input, f.file_id FROM files f
         WHERE f.path IN (SELECT path FROM files GROUP BY path HAVING count(*) > 1) ORDER BY f.input`,
      )
      .all() as { path: string; input: number; file_id: number }[];
    const items: Clashes = { count: 0, examples: [] };
    const addItem = scratch.prepare('INSERT INTO items VALUES (?, ?, ?) ON CONFLICT(path, item) DO NOTHING');
    const ownerOfItem = scratch.prepare('SELECT input FROM items WHERE path = ? AND item = ?').pluck();
    scratch.transaction(() => {
      for (const f of shared) {
        const db = participants[f.input].input.db;
        const indexes = db.prepare('SELECT item_index FROM objects WHERE file_id = ?').pluck().iterate(f.file_id);
        for (const item of indexes as Iterable<number>) {
          if (addItem.run(f.path, item, f.input).changes > 0) continue;
          items.count++;
          if (items.examples.length < EXAMPLES) {
            const other = ownerOfItem.get(f.path, item) as number;
            items.examples.push(`item ${item} of ${f.path} (${label(other)} and ${label(f.input)})`);
          }
        }
      }
    })();
    if (items.count > 0)
      refuse(
        'items of one source file',
        items,
        'The same file was ingested in two workspaces: merge only one of them.',
      );
  } finally {
    scratch.close();
  }
}
