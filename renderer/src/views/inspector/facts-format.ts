// How the inspector's facts table writes its values so a narrow panel stays readable: paths
// shortened in the middle (the file name is what a person looks for; the full path goes on
// hover), catalog numbers at a precision a person reads, positions in degrees and sexagesimal.

/** Characters of a path the facts column shows before it shortens the middle. */
export const PATH_CHARACTERS = 38;
/** Significant digits a catalog number is shown to; the full text goes on hover. */
export const NUMBER_DIGITS = 6;

/**
 * The path with its middle folders replaced by "…" when longer than `max`: the first folder and
 * the file name stay ("demo-data/…/DEMO-000017.fits"); a file name alone too long keeps its end.
 */
export function shortenPath(path: string, max = PATH_CHARACTERS): string {
  if (path.length <= max) return path;
  const parts = path.split('/');
  const file = parts.at(-1)!;
  if (file.length + 2 >= max) return `…${file.slice(file.length - max + 1)}`;
  let tail = file;
  // Keep as many trailing folders as fit beside the first folder.
  for (let i = parts.length - 2; i > 0; i--) {
    const longer = `${parts[i]}/${tail}`;
    if (parts[0].length + 4 + longer.length > max) break;
    tail = longer;
  }
  const head = parts[0].length + 4 + tail.length <= max ? `${parts[0]}/` : '';
  return `${head}…/${tail}`;
}

/**
 * A catalog value as text to show: a decimal with more digits than anyone reads (0.30000000000000004,
 * 0.1234567891) to NUMBER_DIGITS significant digits; integers (object ids of 19 digits) and
 * anything not a plain number exactly as stored.
 */
export function formatCatalogValue(text: string): string {
  const trimmed = text.trim();
  if (!/^[+-]?(\d+\.\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) return text;
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return text;
  const significant = trimmed
    .replace(/^[+-]?0*\.?0*/, '')
    .replace(/[eE].*$/, '')
    .replace('.', '').length;
  return significant > NUMBER_DIGITS ? String(Number(value.toPrecision(NUMBER_DIGITS))) : text;
}
