// Where the line labels go above the spectrum: lines crowd ([N II]–Hα–[N II] span 36 Å,
// [O III] 4959/5007 48 Å), so each label takes the first of a few rows where it clears its
// neighbours, and is left out (its marker stays, with the name on hover) where none has
// room. A doublet's second member is not labelled again when its twin's label is close by.

export interface LabelRequest {
  /** Marker position, screen px. */
  x: number;
  /** Label width, screen px. */
  width: number;
  text: string;
}

export interface LabelPlacement {
  /** Row from the top (0 = nearest the top edge); null when the label is left out. */
  row: number | null;
  /** Left edge of the label, screen px, kept inside [0, plotWidth - width]. */
  left: number;
}

/** Roughly how wide a label is at the plot's font size (px): the layout needs no DOM. */
export function labelWidth(text: string, fontPx = 10): number {
  return Math.ceil(text.length * fontPx * 0.6) + 4;
}

/** Labels in increasing x; returns one placement per label, in the same order. */
export function layoutLineLabels(labels: LabelRequest[], plotWidth: number, rows = 3, gap = 3): LabelPlacement[] {
  const rowEnds = new Array<number>(rows).fill(-Infinity);
  const placedAt = new Map<string, number>();
  return labels.map(({ x, width, text }) => {
    const left = Math.min(Math.max(x - width / 2, 0), Math.max(0, plotWidth - width));
    const twin = placedAt.get(text);
    if (twin !== undefined && x - twin < 3 * width) return { row: null, left };
    const row = rowEnds.findIndex((end) => left >= end + gap);
    if (row < 0) return { row: null, left };
    rowEnds[row] = left + width;
    placedAt.set(text, x);
    return { row, left };
  });
}
