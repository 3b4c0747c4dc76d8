// Names for a whole collection at once, so that a shard names its objects the same whichever
// shards ran before it: a file's stem when no other file of the plan shares it, else its path
// below the folders planned (extension dropped, or kept when that still collides). An HDF5
// collection's names column gives the names when every value is filled in and unique across
// the plan; otherwise its rows are <name>[row], like any many-object file.
import { relative, sep } from 'node:path';
import { stemOf } from '../../ingest/file-types.js';

export interface NamedFile {
  path: string;
  /** The values of the file's names column, when it has one. */
  columnNames?: (string | number | null)[];
}

export interface PlannedName {
  name: string;
  fileNames: boolean;
}

function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/** `root`: the folder the relative names start from (the common parent of the paths planned). */
export function planNames(files: NamedFile[], root: string): PlannedName[] {
  const below = (path: string) => relative(root, path).split(sep).join('/');
  const withoutExtension = (path: string) => below(path).replace(/\.[^./]+$/, '');
  const stems = countBy(files, (f) => stemOf(f.path));
  const shortPaths = countBy(files, (f) => withoutExtension(f.path));
  const bases = files.map((f) => {
    if (stems.get(stemOf(f.path)) === 1) return stemOf(f.path);
    return shortPaths.get(withoutExtension(f.path)) === 1 ? withoutExtension(f.path) : below(f.path);
  });
  // Which file first gave each column name; a name given twice spoils both files' columns.
  const owner = new Map<string, number>(bases.map((base, i) => [base, -1 - i]));
  const spoiled = new Set<number>();
  files.forEach((file, i) => {
    if (!file.columnNames) return;
    for (const value of file.columnNames) {
      const name = value === null ? '' : String(value);
      const previous = owner.get(name);
      if (name === '' || previous !== undefined) {
        spoiled.add(i);
        if (previous !== undefined && previous >= 0) spoiled.add(previous);
        if (name === '') break;
        continue;
      }
      owner.set(name, i);
    }
  });
  return files.map((file, i) => ({ name: bases[i], fileNames: file.columnNames !== undefined && !spoiled.has(i) }));
}

/** The deepest folder holding every path. */
export function commonFolder(paths: string[]): string {
  if (paths.length === 0) return sep;
  let parts = paths[0].split(sep).slice(0, -1);
  for (const path of paths) {
    const other = path.split(sep);
    let k = 0;
    while (k < parts.length && k < other.length - 1 && parts[k] === other[k]) k++;
    parts = parts.slice(0, k);
  }
  return parts.join(sep) || sep;
}
