// What a person gave an object, in words, the same in the tooltip and the inspector. A label is a
// category ("ring"); a relevance (0–5) alone is a rating, not a label, so it is written as one
// ("relevance 0 of 5") and never counted among the labelled objects.

/** The top of the relevance scale. */
export const RELEVANCE_MAX = 5;

/** "label ring · relevance 4 of 5", "relevance 0 of 5 (no label)", or null when nothing was given. */
export function labelSummary(given: { label: string | null; relevance: number | null }): string | null {
  const relevance = given.relevance === null ? null : `relevance ${given.relevance} of ${RELEVANCE_MAX}`;
  if (given.label !== null) return relevance ? `label ${given.label} · ${relevance}` : `label ${given.label}`;
  return relevance ? `${relevance} (no label)` : null;
}

/** The top bar's counts: objects with a label, and objects rated without one, apart. */
export function labelCounts(status: { labels: number; rated: number }): string {
  return `${status.labels.toLocaleString('en-US')} labelled · ${status.rated.toLocaleString('en-US')} rated`;
}
