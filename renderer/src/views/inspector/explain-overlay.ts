// Which explanation maps can lie over the object's image, which one is shown, and its colours.
// The maps are on the model-input grid: the largest centred square of the cutout resized to
// 64×64 (ingest's default centre crop), row 0 at the top like the inspector's pixels, so the
// overlay covers that square of the displayed image. Pure functions, tested under Node.
import { WHERE_MAP_MEANINGS, isWhereMapKind, type ExplainMap } from '../../../../electron/core/api/contract-explain.js';

/** One map that can be overlaid, with the selector's key, label and what the map shows. */
export interface OverlayChoice {
  key: string;
  label: string;
  meaning: string;
  map: ExplainMap;
}

/**
 * The maps that say where the object is odd (rarity, saliency, residuals); reconstructions and inputs are
 * pictures, not overlays.
 */
export function overlayChoices(maps: readonly ExplainMap[]): OverlayChoice[] {
  return maps.flatMap((map) => {
    if (!isWhereMapKind(map.kind)) return [];
    const key = map.band === null ? map.kind : `${map.kind}:${map.band}`;
    const label = map.band === null ? map.kind : `${map.kind} ${map.band}`;
    return [{ key, label, meaning: WHERE_MAP_MEANINGS[map.kind], map }];
  });
}

/**
 * The choice shown: the one picked by key when it exists; else the rarity, which places an anomaly best; else the
 * residual of the band the image shows; else the first.
 */
export function shownChoice(
  choices: readonly OverlayChoice[],
  picked: string | null,
  shownBand: string | null,
): OverlayChoice | null {
  return (
    choices.find((c) => c.key === picked) ??
    choices.find((c) => c.map.kind === 'rarity') ??
    choices.find((c) => c.map.kind === 'residual' && shownBand !== null && c.map.band === shownBand) ??
    choices[0] ??
    null
  );
}

/** Opacity of the overlay at its largest value (0–255): the image stays visible beneath. */
const MAX_ALPHA = 170;

/**
 * RGBA for a map: transparent at or below zero, rising through orange to yellow at the map's largest value; alpha
 * grows in proportion to the value, so weak patches stay faint and the image shows through all but the strongest.
 */
export function overlayRgba(map: ExplainMap): Uint8ClampedArray {
  const { values } = map;
  let top = 0;
  for (const v of values) if (Number.isFinite(v) && v > top) top = v;
  const rgba = new Uint8ClampedArray(values.length * 4);
  if (top === 0) return rgba;
  values.forEach((v, i) => {
    const t = Number.isFinite(v) ? Math.min(1, Math.max(0, v / top)) : 0;
    rgba[i * 4] = 255;
    rgba[i * 4 + 1] = Math.round(64 + 191 * t);
    rgba[i * 4 + 2] = Math.round(32 * t);
    rgba[i * 4 + 3] = Math.round(MAX_ALPHA * t);
  });
  return rgba;
}

/** The model input's square within a width × height image, as CSS percentages of the image. */
export function modelInputSquare(
  width: number,
  height: number,
): { left: number; top: number; width: number; height: number } {
  const side = Math.min(width, height);
  return {
    left: (100 * Math.floor((width - side) / 2)) / width,
    top: (100 * Math.floor((height - side) / 2)) / height,
    width: (100 * side) / width,
    height: (100 * side) / height,
  };
}
