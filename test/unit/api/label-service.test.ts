// A relevance given without a label (the queue's 0–5 keys) is recorded as a relevance, not as a
// label: no "rated" category appears, labels keep their names, undo walks it back, and the
// learners still read it. The workspace is 60 objects on a line (row i at x = i), scored i/60,
// so the discover queue's order is known before and after a vote.
import { describe, expect, it } from 'vitest';
import { SerendipService } from '../../../electron/core/api/serendip-service.js';
import { countLabels, labelHistory } from '../../../electron/core/workspace/repositories/labels-repo.js';
import { findObjectByName } from '../../../electron/core/workspace/repositories/objects-repo.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { lineWorkspace as makeLineWorkspace } from '../../helpers/line-workspace.js';

const tempDir = useTempDir('serendip-label-service-');
const COUNT = 60;

const lineWorkspace = (): Promise<SerendipService> => makeLineWorkspace(tempDir(), COUNT);

function details(service: SerendipService, name: string) {
  return service.objectDetails(findObjectByName(service.workspace.db, name)!.id);
}

async function withService(test: (service: SerendipService) => void): Promise<void> {
  const service = await lineWorkspace();
  try {
    test(service);
  } finally {
    service.close();
  }
}

describe('a relevance without a label', () => {
  it('records the relevance and makes no label', () =>
    withService((service) => {
      expect(service.label({ name: 'o3', label: null, relevance: 0 })).toEqual({
        name: 'o3',
        label: null,
        relevance: 0,
        note: null,
      });
      expect(countLabels(service.workspace.db)).toBe(0);
      expect(service.labelCounts()).toEqual([]);
      expect(service.labelled()).toEqual([]);
      expect(details(service, 'o3')).toMatchObject({ label: null, relevance: 0 });
      expect(service.status().labels).toBe(0);
    }));

  it('keeps the label and note an object already has', () =>
    withService((service) => {
      service.label({ name: 'o3', label: 'ring', relevance: 4, note: 'faint' });
      expect(service.label({ name: 'o3', label: null, relevance: 1 })).toEqual({
        name: 'o3',
        label: 'ring',
        relevance: 1,
        note: 'faint',
      });
      expect(service.labelCounts()).toEqual([{ label: 'ring', count: 1 }]);
    }));

  it('is undone like any change, and the history keeps both events', () =>
    withService((service) => {
      service.label({ name: 'o3', label: 'ring', relevance: null });
      service.label({ name: 'o3', label: null, relevance: 0 });
      service.label({ name: 'o4', label: null, relevance: 2 });
      expect(service.undoLabel()).toEqual({ name: 'o4', label: null, relevance: null, note: null, changes: 1 });
      expect(details(service, 'o4')).toMatchObject({ label: null, relevance: null });
      expect(service.undoLabel()).toEqual({ name: 'o3', label: 'ring', relevance: null, note: null, changes: 1 });
      expect(
        labelHistory(service.workspace.db, findObjectByName(service.workspace.db, 'o3')!.id).map((e) => [
          e.action,
          e.label,
          e.relevance,
        ]),
      ).toEqual([
        ['set', 'ring', null],
        ['set', 'ring', 0], // the relevance alone kept the label
        ['set', 'ring', null],
      ]);
    }));

  it('undoes a labelling of many objects as one change', () =>
    withService((service) => {
      service.label({ name: 'o1', label: 'lens', relevance: null });
      service.labelMany({ names: ['o1', 'o2', 'o3'], label: 'artefact: trail' });
      expect(service.undoLabel()).toMatchObject({ name: 'o3', label: null, changes: 3 });
      expect(service.labelCounts()).toEqual([{ label: 'lens', count: 1 }]);
      expect(service.undoLabel()).toMatchObject({ name: 'o1', label: null, changes: 1 });
    }));

  it('is refused when neither a label nor a relevance is given', () =>
    withService((service) => {
      expect(() => service.label({ name: 'o3', label: null })).toThrow(/give a label, a relevance/);
    }));

  it('teaches the discover queue: a 0 on the top object sinks its neighbour, next in line', () =>
    withService((service) => {
      expect(service.queue({ mode: 'discover', n: 3 }).map((h) => h.name)).toEqual(['o59', 'o58', 'o57']);
      service.label({ name: 'o59', label: null, relevance: 0 });
      const discover = service.queue({ mode: 'discover', n: 5 }).map((h) => h.name);
      expect(discover).not.toContain('o59');
      expect(discover[0]).not.toBe('o58');
    }));

  it('leaves a negative label ("not ring") out of what is interesting', () =>
    withService((service) => {
      service.label({ name: 'o59', label: 'lens', relevance: 5 });
      service.label({ name: 'o0', label: 'not ring' });
      // Were "not ring" read as interesting, the wanted objects would sit at both ends of the line.
      expect(service.queue({ mode: 'like-labels', n: 3 }).map((h) => h.name)).toEqual(['o58', 'o57', 'o56']);
    }));

  it('teaches like-labels: a 5 at x = 10 and a 0 at x = 59 rank the low end first', () =>
    withService((service) => {
      service.label({ name: 'o10', label: null, relevance: 5 });
      service.label({ name: 'o59', label: null, relevance: 0 });
      expect(service.queue({ mode: 'like-labels', n: 3 }).map((h) => h.name)).toEqual(['o0', 'o1', 'o2']);
    }));
});
