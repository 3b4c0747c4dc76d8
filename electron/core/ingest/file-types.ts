// Which files ingest reads, by extension (case-insensitive).
import { basename } from 'node:path';

export type SourceFormat = 'fits' | 'png' | 'jpeg';

const EXTENSIONS: [suffix: string, format: SourceFormat][] = [
  ['.fits', 'fits'],
  ['.fit', 'fits'],
  ['.fts', 'fits'],
  ['.png', 'png'],
  ['.jpg', 'jpeg'],
  ['.jpeg', 'jpeg'],
];

export function formatOf(path: string): SourceFormat | null {
  const name = basename(path).toLowerCase();
  for (const [suffix, format] of EXTENSIONS) if (name.endsWith(suffix)) return format;
  return null;
}

/** The file name without its format extension: the default object name. */
export function stemOf(path: string): string {
  const name = basename(path);
  const lower = name.toLowerCase();
  for (const [suffix] of EXTENSIONS) if (lower.endsWith(suffix)) return name.slice(0, name.length - suffix.length);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}
