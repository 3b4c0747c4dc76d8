// Migration 7: label events gain `batch`. Events written before it keep NULL and are undone one
// at a time as before; a batch written after it is undone whole.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../../../electron/core/workspace/database.js';
import { migrate } from '../../../../electron/core/workspace/migrations/index.js';
import { Workspace } from '../../../../electron/core/workspace/workspace.js';
import {
  getLabel,
  labelHistory,
  setLabels,
  undoLastLabelChange,
} from '../../../../electron/core/workspace/repositories/labels-repo.js';
import { addNamedObjects } from '../../../helpers/named-objects.js';
import { useTempDir } from '../../../helpers/temp-dir.js';

const tempDir = useTempDir();

describe('migration 7: label batches', () => {
  it('leaves older events alone, one undo each, and undoes a later batch whole', () => {
    const dir = tempDir();
    const created = Workspace.open(dir, { create: true });
    const [a, b] = Array.from(addNamedObjects(created, 2));
    created.close();
    // Back to version 6's table, with two events it wrote.
    const db = openDatabase(join(dir, 'serendip.db'));
    db.exec('DROP INDEX label_events_by_batch; ALTER TABLE label_events DROP COLUMN batch; PRAGMA user_version = 6');
    for (const id of [a, b])
      db.prepare(
        "INSERT INTO label_events (object_id, action, label, source, at) VALUES (?, 'set', 'old', 'import', 'now')",
      ).run(id);
    migrate(db);
    db.close();

    const ws = Workspace.open(dir);
    expect(labelHistory(ws.db, a)[0].batch).toBeNull();
    setLabels(
      ws.db,
      [a, b].map((objectId) => ({ objectId, value: { label: 'new', relevance: null, note: null } })),
    );
    expect(undoLastLabelChange(ws.db)).toHaveLength(2);
    expect(undoLastLabelChange(ws.db)?.map((u) => u.objectId)).toEqual([b]);
    expect(undoLastLabelChange(ws.db)?.map((u) => u.objectId)).toEqual([a]);
    expect(getLabel(ws.db, a)).toBeUndefined();
    ws.close();
  });
});
