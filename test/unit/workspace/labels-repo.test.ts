import { describe, expect, it } from 'vitest';
import { Workspace } from '../../../electron/core/workspace/workspace.js';
import {
  clearLabel,
  countLabels,
  countRatedOnly,
  getLabel,
  labelHistory,
  setLabel,
  setLabels,
  undoLastLabelChange,
} from '../../../electron/core/workspace/repositories/labels-repo.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { addNamedObjects } from '../../helpers/named-objects.js';

const tempDir = useTempDir();

function workspaceWithObjects(n: number): Workspace {
  const ws = Workspace.open(tempDir(), { create: true });
  addNamedObjects(ws, n);
  return ws;
}

describe('labels and their history', () => {
  it('counts objects with a label apart from objects rated without one', () => {
    const ws = workspaceWithObjects(4);
    setLabel(ws.db, 1, { label: 'lens', relevance: 4, note: null });
    setLabel(ws.db, 2, { label: 'ring', relevance: null, note: null });
    setLabel(ws.db, 3, { label: null, relevance: 0, note: null });
    expect(countLabels(ws.db)).toBe(2);
    expect(countRatedOnly(ws.db)).toBe(1);
    ws.close();
  });

  it('keeps every change as an event and the latest as the label', () => {
    const ws = workspaceWithObjects(1);
    setLabel(ws.db, 1, { label: 'lens', relevance: 4, note: null });
    setLabel(ws.db, 1, { label: 'merger', relevance: 2, note: 'two nuclei' });
    expect(getLabel(ws.db, 1)).toMatchObject({ label: 'merger', relevance: 2, note: 'two nuclei' });
    expect(labelHistory(ws.db, 1).map((e) => e.label)).toEqual(['lens', 'merger']);
    ws.close();
  });

  it('undo walks back through changes across objects, and the history only grows', () => {
    const ws = workspaceWithObjects(2);
    setLabel(ws.db, 1, { label: 'lens', relevance: 5, note: null });
    setLabel(ws.db, 2, { label: 'artefact', relevance: 0, note: null });
    setLabel(ws.db, 1, { label: 'ring', relevance: 3, note: null });
    clearLabel(ws.db, 2);

    expect(undoLastLabelChange(ws.db)).toEqual([
      { objectId: 2, restored: { label: 'artefact', relevance: 0, note: null } },
    ]);
    expect(getLabel(ws.db, 2)?.label).toBe('artefact');
    expect(undoLastLabelChange(ws.db)?.map((u) => u.objectId)).toEqual([1]);
    expect(getLabel(ws.db, 1)?.label).toBe('lens');
    expect(undoLastLabelChange(ws.db)?.map((u) => u.objectId)).toEqual([2]);
    expect(getLabel(ws.db, 2)).toBeUndefined();
    expect(undoLastLabelChange(ws.db)?.map((u) => u.objectId)).toEqual([1]);
    expect(getLabel(ws.db, 1)).toBeUndefined();
    expect(undoLastLabelChange(ws.db)).toBeNull();
    expect(ws.db.prepare('SELECT count(*) AS n FROM label_events').get()).toEqual({ n: 8 });
    ws.close();
  });

  it('undoes many labels set at once as one change, newest first, and single changes around them alone', () => {
    const ws = workspaceWithObjects(4);
    const trail = { label: 'artefact: trail', relevance: 0, note: null };
    setLabel(ws.db, 1, { label: 'lens', relevance: 5, note: null });
    setLabels(
      ws.db,
      [1, 2, 3].map((objectId) => ({ objectId, value: trail })),
      'user',
    );
    setLabel(ws.db, 4, { label: 'ring', relevance: 3, note: null });
    expect(labelHistory(ws.db, 2)[0].batch).toBe(labelHistory(ws.db, 1)[1].id);

    expect(undoLastLabelChange(ws.db)?.map((u) => u.objectId)).toEqual([4]);
    expect(undoLastLabelChange(ws.db)).toEqual([
      { objectId: 3, restored: null },
      { objectId: 2, restored: null },
      { objectId: 1, restored: { label: 'lens', relevance: 5, note: null } },
    ]);
    expect([1, 2, 3].map((id) => getLabel(ws.db, id)?.label ?? null)).toEqual(['lens', null, null]);
    expect(undoLastLabelChange(ws.db)?.map((u) => u.objectId)).toEqual([1]);
    expect(undoLastLabelChange(ws.db)).toBeNull();
    ws.close();
  });

  it('undoes a batch that sets one object twice back to what it held before the batch', () => {
    const ws = workspaceWithObjects(1);
    setLabel(ws.db, 1, { label: 'lens', relevance: null, note: null });
    setLabels(ws.db, [
      { objectId: 1, value: { label: 'a', relevance: null, note: null } },
      { objectId: 1, value: { label: 'b', relevance: null, note: null } },
    ]);
    expect(undoLastLabelChange(ws.db)).toHaveLength(2);
    expect(getLabel(ws.db, 1)?.label).toBe('lens');
    ws.close();
  });

  it('refuses to rewrite history', () => {
    const ws = workspaceWithObjects(1);
    setLabel(ws.db, 1, { label: 'lens', relevance: 5, note: null });
    expect(() => ws.db.prepare("UPDATE label_events SET label = 'x'").run()).toThrow(/append-only/);
    ws.close();
  });

  it('rejects a relevance outside 0-5', () => {
    const ws = workspaceWithObjects(1);
    expect(() => setLabel(ws.db, 1, { label: 'lens', relevance: 9, note: null })).toThrow(/CHECK/);
    expect(labelHistory(ws.db, 1)).toEqual([]);
    ws.close();
  });
});
