// What a label tells the learners: one number in [0, 1] saying how much the user wants to see
// more like this object (1 = interesting, 0 = not), or null when the label says neither.
// Kept in one place so the discover queue, "more like these" and the benchmarks all read a
// label the same way.

/** Labels that mark an object as not worth a look, whatever relevance came with them. */
export const NOT_INTERESTING_LABELS: readonly string[] = [
  'artefact',
  'artifact',
  'boring',
  'normal',
  'not interesting',
];

/**
 * Any label can be given as a negative by writing it "not ring": the object is a counter-example
 * of "ring" for "more like ring", and says nothing about whether it is interesting.
 */
export const NEGATIVE_LABEL_PREFIX = 'not ';

/** "not ring" → "ring"; null for a label that is not a negative. */
export function negatedLabel(label: string | null | undefined): string | null {
  const text = label?.trim() ?? '';
  if (!text.toLowerCase().startsWith(NEGATIVE_LABEL_PREFIX)) return null;
  return text.slice(NEGATIVE_LABEL_PREFIX.length).trim() || null;
}

export interface LabelForLearning {
  /** Free-text label, e.g. 'lens', 'artefact'; null or '' when only a relevance was given. */
  label?: string | null;
  /** The user's 0–5 rating, or null when none was given. */
  relevance?: number | null;
}

/** Relevance at or below this counts as "not interesting". */
const NOT_INTERESTING_AT_MOST = 1;
/** Relevance at or above this counts as "interesting". */
const INTERESTING_AT_LEAST = 3;
/** Relevance 2 sits between the two: a weak "not really", worth a little push down. */
const MIDDLE_RELEVANCE_TARGET = 0.25;

/**
 * 0 for an artefact, boring or normal label (artefacts must sink however they were rated);
 * else, when a relevance is given, 0 for 0–1, 0.25 for 2 and 1 for 3–5; else 1 for any
 * other non-empty label (naming a lens or a merger is itself the user saying "interesting")
 * that is not a negative ("not ring"); else null (nothing to learn from).
 */
export function relevanceTarget(label: LabelForLearning): number | null {
  const text = label.label?.trim().toLowerCase() ?? '';
  if (NOT_INTERESTING_LABELS.includes(text)) return 0;
  const relevance = label.relevance;
  if (relevance !== null && relevance !== undefined) {
    if (!Number.isFinite(relevance)) throw new RangeError(`relevance must be a number in 0..5, got ${relevance}`);
    if (relevance <= NOT_INTERESTING_AT_MOST) return 0;
    if (relevance >= INTERESTING_AT_LEAST) return 1;
    return MIDDLE_RELEVANCE_TARGET;
  }
  return text && negatedLabel(text) === null ? 1 : null;
}

/** The three-way reading of a target, for counts and for learners that need hard classes. */
export function isInteresting(target: number): boolean {
  return target >= 0.5;
}

/**
 * The target for "more like `wanted`": 1 for that label, 0 for any other label (its negative
 * "not <wanted>" included), null for a relevance alone (it says nothing about the kind of object).
 */
export function onlyLabelTarget(label: string | null, wanted: string): number | null {
  if (label === null) return null;
  return label === wanted ? 1 : 0;
}
