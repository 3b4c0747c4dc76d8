// A map of where an image object is odd, on its model-input grid: the shape `explain` returns
// (re-exported by explain-object.ts), which the CLI writes as PNGs and the inspector overlays.

export const EXPLAIN_MAP_KINDS = ['rarity', 'saliency', 'residual', 'reconstruction', 'input'] as const;

/**
 * The kinds that say where the object is odd (the rest are pictures of it), each with what it shows in a reader's
 * words (the app's tooltips); the one shown first leads.
 */
export const WHERE_MAP_MEANINGS = {
  rarity: "how unlike each patch is to every patch of its typical neighbours' images",
  saliency: 'how much closer to its typical neighbours the object comes when each patch is masked',
  residual: "what the autoencoder could not reconstruct, in this band's pixels",
} as const satisfies Partial<Record<ExplainMap['kind'], string>>;

export type WhereMapKind = keyof typeof WHERE_MAP_MEANINGS;

export function isWhereMapKind(kind: ExplainMap['kind']): kind is WhereMapKind {
  return kind in WHERE_MAP_MEANINGS;
}

export interface ExplainMap {
  /**
   * 'rarity': how far each patch is from the nearest patch of the typical neighbours' inputs, compared as sorted
   * pixel values per band (patch-rarity.ts); 'saliency': how much the distance to the k typical neighbours FALLS
   * when a patch is masked (positive = that patch makes it odd); 'residual': |input − reconstruction| (autoencoder
   * runs); 'reconstruction': the autoencoder's output; 'input': the model input itself, in the same stretch as
   * reconstruction.
   */
  kind: (typeof EXPLAIN_MAP_KINDS)[number];
  /** The band name ('g', 'r', 'z' or the store's band label), or null for a map over all bands. */
  band: string | null;
  width: number;
  height: number;
  /** Row-major values, width × height, row 0 at the top of the model input. Raw (not stretched). */
  values: number[];
  /** Where the map is largest (model-input pixels). */
  peak: { x: number; y: number };
}

/**
 * The map of `values` (row-major, width × height), with its peak: the centre of the pixels that hold the largest
 * value (a saliency map is constant over each patch, so its peak is the middle of the top patch, not its corner).
 */
export function explainMap(
  kind: ExplainMap['kind'],
  band: string | null,
  width: number,
  height: number,
  values: ArrayLike<number>,
): ExplainMap {
  let best = -Infinity;
  for (let i = 0; i < width * height; i++) if (values[i] > best) best = values[i];
  let sx = 0;
  let sy = 0;
  let n = 0;
  for (let i = 0; i < width * height; i++) {
    if (values[i] !== best) continue;
    sx += i % width;
    sy += Math.floor(i / width);
    n++;
  }
  // Several separate maxima: the plateau's centre may fall between them, so take the held pixel nearest to it.
  let at = 0;
  let nearest = Infinity;
  for (let i = 0; i < width * height; i++) {
    if (values[i] !== best) continue;
    const d = ((i % width) - sx / n) ** 2 + (Math.floor(i / width) - sy / n) ** 2;
    if (d < nearest) {
      nearest = d;
      at = i;
    }
  }
  return { kind, band, width, height, values: Array.from(values), peak: { x: at % width, y: Math.floor(at / width) } };
}
