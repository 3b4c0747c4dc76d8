// One timestamp format for every row: ISO 8601 UTC, sortable as text.
export function nowIso(): string {
  return new Date().toISOString();
}
