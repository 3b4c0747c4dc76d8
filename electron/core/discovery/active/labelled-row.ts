// The one shape every active learner takes its feedback in: a row of the vector set and the
// target relevanceTarget() read from its label.

export interface LabelledRow {
  /** Row index into the VectorSet (and every per-row array beside it). */
  row: number;
  /** 1 = interesting, 0 = not, values between are weaker opinions (see relevanceTarget). */
  target: number;
}

/** Throws on a row outside the set, a target outside [0, 1] or a row labelled twice. */
export function checkLabelledRows(labelled: readonly LabelledRow[], count: number): void {
  const seen = new Set<number>();
  for (const { row, target } of labelled) {
    if (!Number.isInteger(row) || row < 0 || row >= count)
      throw new RangeError(`labelled row ${row} is outside 0..${count - 1}`);
    if (!(target >= 0 && target <= 1)) throw new RangeError(`target of row ${row} must be in [0, 1], got ${target}`);
    if (seen.has(row)) throw new Error(`row ${row} is labelled twice`);
    seen.add(row);
  }
}
