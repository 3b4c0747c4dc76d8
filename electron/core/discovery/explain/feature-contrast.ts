// How far an object's morphology features stand from those of its typical neighbours, in
// units of the neighbours' own spread (σ), most striking first, with a phrase in words for
// each: "asymmetry +4.1σ above its typical neighbours". Pure numbers, no workspace, so the
// arithmetic and the ordering are tested on hand-made vectors.

export interface FeatureContrast {
  name: string;
  /** The object's value. */
  value: number;
  /** The typical neighbours' mean and sample standard deviation (n − 1). */
  mean: number;
  sd: number;
  /**
   * (value − mean) / sd. Null when the neighbours all share one value and the object's differs: no spread to measure
   * by, and the most striking difference of all (these come first).
   */
  sigma: number | null;
  /** The difference in words. */
  phrase: string;
}

/**
 * One FeatureContrast per name: `object` holds the object's values, `neighbours` count × names.length values row after
 * row. Sorted by |σ| (largest first; null σ before any number), ties in the names' order.
 */
export function contrastFeatures(
  names: readonly string[],
  object: ArrayLike<number>,
  neighbours: ArrayLike<number>,
  count: number,
): FeatureContrast[] {
  const width = names.length;
  if (object.length !== width) throw new Error(`the object has ${object.length} features, expected ${width}`);
  if (neighbours.length !== count * width)
    throw new Error(`the neighbours have ${neighbours.length} features, expected ${count}×${width}`);
  if (count < 2) throw new Error('a spread needs at least two typical neighbours');
  const contrasts = names.map((name, f) => {
    let sum = 0;
    for (let i = 0; i < count; i++) sum += neighbours[i * width + f];
    const mean = sum / count;
    let squares = 0;
    for (let i = 0; i < count; i++) squares += (neighbours[i * width + f] - mean) ** 2;
    const sd = Math.sqrt(squares / (count - 1));
    const value = object[f];
    const sigma = sd > 0 ? (value - mean) / sd : value === mean ? 0 : null;
    return { name, value, mean, sd, sigma, phrase: phraseOf(name, value, mean, sigma) };
  });
  const strength = (c: FeatureContrast) => (c.sigma === null ? Infinity : Math.abs(c.sigma));
  // Array.prototype.sort is stable: equal strengths keep the names' order.
  return contrasts.sort((a, b) => strength(b) - strength(a));
}

/** "asymmetry +4.1σ above its typical neighbours"; "empty 1 where its typical neighbours all have 0". */
export function phraseOf(name: string, value: number, mean: number, sigma: number | null): string {
  if (sigma === null) return `${name} ${formatValue(value)} where its typical neighbours all have ${formatValue(mean)}`;
  const rounded = Math.abs(sigma).toFixed(1);
  if (rounded === '0.0') return `${name} as its typical neighbours`;
  return sigma > 0
    ? `${name} +${rounded}σ above its typical neighbours`
    : `${name} −${rounded}σ below its typical neighbours`;
}

function formatValue(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toPrecision(3);
}
