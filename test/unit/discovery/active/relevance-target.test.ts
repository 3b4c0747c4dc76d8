// The label → learning target convention: artefacts always sink, ratings decide next, and a
// named kind of object counts as interesting.
import { describe, it, expect } from 'vitest';
import {
  isInteresting,
  negatedLabel,
  onlyLabelTarget,
  relevanceTarget,
} from '../../../../electron/core/discovery/active/relevance-target.js';

describe('relevanceTarget', () => {
  it('reads artefact, boring and normal as not interesting whatever the rating', () => {
    expect(relevanceTarget({ label: 'artefact' })).toBe(0);
    expect(relevanceTarget({ label: 'Artefact', relevance: 5 })).toBe(0);
    expect(relevanceTarget({ label: ' boring ' })).toBe(0);
    expect(relevanceTarget({ label: 'normal', relevance: null })).toBe(0);
  });

  it('reads the 0–5 rating when there is one', () => {
    expect([0, 1, 2, 3, 4, 5].map((relevance) => relevanceTarget({ label: 'lens', relevance }))).toEqual([
      0, 0, 0.25, 1, 1, 1,
    ]);
    expect(relevanceTarget({ relevance: 4 })).toBe(1);
    expect(relevanceTarget({ label: '', relevance: 1 })).toBe(0);
  });

  it('reads any other named label as interesting, and nothing as unknown', () => {
    expect(relevanceTarget({ label: 'merger' })).toBe(1);
    expect(relevanceTarget({ label: 'ring', relevance: null })).toBe(1);
    expect(relevanceTarget({ label: '   ' })).toBeNull();
    expect(relevanceTarget({})).toBeNull();
  });

  it('reads a negative label ("not ring") as saying nothing about interest, unless rated', () => {
    expect(relevanceTarget({ label: 'not ring' })).toBeNull();
    expect(relevanceTarget({ label: 'Not ring', relevance: 4 })).toBe(1);
    expect(relevanceTarget({ label: 'not interesting' })).toBe(0);
    expect(relevanceTarget({ label: 'nothing special' })).toBe(1);
  });

  it('finds the label a negative negates', () => {
    expect(negatedLabel('not ring')).toBe('ring');
    expect(negatedLabel(' Not  tidal tail ')).toBe('tidal tail');
    expect(negatedLabel('nothing special')).toBeNull();
    expect(negatedLabel('not ')).toBeNull();
    expect(negatedLabel(null)).toBeNull();
  });

  it('for more like one label: that label 1, any other (its negative included) 0, a relevance alone nothing', () => {
    expect(onlyLabelTarget('ring', 'ring')).toBe(1);
    expect(onlyLabelTarget('not ring', 'ring')).toBe(0);
    expect(onlyLabelTarget('lens', 'ring')).toBe(0);
    expect(onlyLabelTarget(null, 'ring')).toBeNull();
  });

  it('rejects a rating that is not a number', () => {
    expect(() => relevanceTarget({ label: 'lens', relevance: Number.NaN })).toThrow(/relevance/);
  });

  it('splits targets into interesting and not at one half', () => {
    expect([0, 0.25, 0.5, 1].map(isInteresting)).toEqual([false, false, true, true]);
  });
});
