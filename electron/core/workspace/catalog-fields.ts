// Catalog values read from an object's metadata by meaning rather than by one column name, since
// catalogs spell their columns differently. Here, below both the api layer and discovery, so that
// the inspector's spectrum plot and `explain` read an object's redshift the same way.

/** Metadata keys read as the catalog redshift, first found wins (catalog columns keep their case). */
const REDSHIFT_KEYS = ['z', 'Z', 'redshift', 'REDSHIFT', 'Redshift'];

/** The value of the first of `keys` the metadata holds, trimmed, skipping blank values; undefined if none. */
export function firstMetadataValue(metadata: Record<string, string>, keys: readonly string[]): string | undefined {
  for (const key of keys) if (metadata[key] !== undefined && metadata[key].trim() !== '') return metadata[key].trim();
  return undefined;
}

/** The catalog's redshift, or null when it has none or it is not a number above -1. */
export function catalogRedshift(metadata: Record<string, string>): number | null {
  const text = firstMetadataValue(metadata, REDSHIFT_KEYS);
  const z = text === undefined ? NaN : Number(text);
  return Number.isFinite(z) && z > -1 ? z : null;
}
