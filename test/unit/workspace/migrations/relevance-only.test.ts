// Migration 6: a workspace whose queue stored relevance-only ratings under the label "rated"
// opens with those rows as relevance-only; real labels are untouched, the history keeps the
// events as written, and an undo back to an old "rated" event restores a relevance-only row.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../../../electron/core/workspace/database.js';
import { migrate } from '../../../../electron/core/workspace/migrations/index.js';
import { Workspace } from '../../../../electron/core/workspace/workspace.js';
import {
  countLabels,
  getLabel,
  labelHistory,
  undoLastLabelChange,
} from '../../../../electron/core/workspace/repositories/labels-repo.js';
import { useTempDir } from '../../../helpers/temp-dir.js';

const tempDir = useTempDir();

function addObject(db: Db, name: string): number {
  db.prepare(`INSERT INTO source_files (path, size, mtime_ms, format, ingested_at) VALUES (?, 1, 2, 'png', 'now')`).run(
    `${name}.png`,
  );
  const file = (db.prepare('SELECT max(id) AS id FROM source_files').get() as { id: number }).id;
  db.prepare(
    "INSERT INTO objects (name, modality, file_id, created_at, updated_at) VALUES (?, 'image', ?, 'now', 'now')",
  ).run(name, file);
  return (db.prepare('SELECT max(id) AS id FROM objects').get() as { id: number }).id;
}

/** Writes a set event and makes it the object's current row, as version 5 did. */
function setAtVersion5(db: Db, objectId: number, label: string, relevance: number | null): void {
  const event = db
    .prepare(
      'INSERT INTO label_events (object_id, action, label, relevance, source, at) ' +
        "VALUES (?, 'set', ?, ?, 'user', 'now')",
    )
    .run(objectId, label, relevance).lastInsertRowid;
  db.prepare(
    `INSERT INTO labels (object_id, label, relevance, event_id, updated_at) VALUES (?, ?, ?, ?, 'now')
     ON CONFLICT(object_id) DO UPDATE SET label = excluded.label, relevance = excluded.relevance,
       event_id = excluded.event_id`,
  ).run(objectId, label, relevance, event);
}

describe('migration 6: relevance-only rows', () => {
  it('turns current "rated" rows into relevance-only rows and leaves labels and history alone', () => {
    const dir = tempDir();
    const db = openDatabase(join(dir, 'serendip.db'));
    migrate(db, 5);
    const rated = addObject(db, 'a');
    const lens = addObject(db, 'b');
    const relabelled = addObject(db, 'c');
    setAtVersion5(db, rated, 'rated', 0);
    setAtVersion5(db, lens, 'lens', 5);
    setAtVersion5(db, relabelled, 'rated', 3);
    setAtVersion5(db, relabelled, 'ring', null);
    db.close();

    const ws = Workspace.open(dir);
    expect(getLabel(ws.db, rated)).toMatchObject({ label: null, relevance: 0 });
    expect(getLabel(ws.db, lens)).toMatchObject({ label: 'lens', relevance: 5 });
    expect(countLabels(ws.db)).toBe(2);
    expect(labelHistory(ws.db, rated).map((e) => e.label)).toEqual(['rated']);
    // Undo of the newest change (c's "ring") goes back to its old "rated" event: a relevance alone.
    expect(undoLastLabelChange(ws.db)).toEqual([
      { objectId: relabelled, restored: { label: null, relevance: 3, note: null } },
    ]);
    expect(getLabel(ws.db, relabelled)).toMatchObject({ label: null, relevance: 3 });
    expect(countLabels(ws.db)).toBe(1);
    ws.close();
  });

  it('refuses a row with neither a label nor a relevance', () => {
    const ws = Workspace.open(tempDir(), { create: true });
    const id = addObject(ws.db, 'a');
    ws.db.prepare("INSERT INTO label_events (object_id, action, source, at) VALUES (?, 'set', 'user', 'now')").run(id);
    const insert = ws.db.prepare(
      "INSERT INTO labels (object_id, label, relevance, event_id, updated_at) VALUES (?, NULL, NULL, 1, 'now')",
    );
    expect(() => insert.run(id)).toThrow(/CHECK constraint/);
    ws.close();
  });
});
