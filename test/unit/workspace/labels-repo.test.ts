import { describe, expect, it } from 'vitest';
import { Workspace } from '../../../electron/core/workspace/workspace.js';
import {
  clearLabel,
  countLabels,
  countRatedOnly,
  getLabel,
  labelHistory,
  setLabel,
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

    expect(undoLastLabelChange(ws.db)).toEqual({
      objectId: 2,
      restored: { label: 'artefact', relevance: 0, note: null },
    });
    expect(getLabel(ws.db, 2)?.label).toBe('artefact');
    expect(undoLastLabelChange(ws.db)?.objectId).toBe(1);
    expect(getLabel(ws.db, 1)?.label).toBe('lens');
    expect(undoLastLabelChange(ws.db)?.objectId).toBe(2);
    expect(getLabel(ws.db, 2)).toBeUndefined();
    expect(undoLastLabelChange(ws.db)?.objectId).toBe(1);
    expect(getLabel(ws.db, 1)).toBeUndefined();
    expect(undoLastLabelChange(ws.db)).toBeNull();
    expect(ws.db.prepare('SELECT count(*) AS n FROM label_events').get()).toEqual({ n: 8 });
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
