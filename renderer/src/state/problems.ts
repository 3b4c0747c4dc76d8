// The Problems panel's data: files that failed to ingest (with the reason) and files read with
// warnings (with their messages), as one list to filter by text and kind and to export as CSV.
// Plain functions with no DOM or React, so they are tested under Node.
import type { IngestWarning } from '../../../electron/core/api/contract.js';
import { formatCsv } from '../../../electron/core/formats/tables/csv.js';

/** Every kind of problem, in the order the panel lists them. */
export const PROBLEM_KINDS = ['error', 'warning'] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

/** One file and what went wrong with it: one reason for a failed file, one message per warning. */
export interface ProblemFile {
  path: string;
  kind: ProblemKind;
  messages: string[];
}

/** Failed files first (they are not in the workspace at all), then the files read with warnings, grouped by file. */
export function problemFiles(
  errors: readonly { path: string; reason: string }[],
  warnings: readonly IngestWarning[],
): ProblemFile[] {
  const files: ProblemFile[] = errors.map((e) => ({ path: e.path, kind: 'error', messages: [e.reason] }));
  const warned = new Map<string, ProblemFile>();
  for (const w of warnings) {
    let file = warned.get(w.path);
    if (!file) warned.set(w.path, (file = { path: w.path, kind: 'warning', messages: [] }));
    file.messages.push(w.message);
  }
  return files.concat([...warned.values()]);
}

/** The files of `kind` ('all': both) whose path or a message holds `text`, ignoring case. */
export function filterProblems(files: readonly ProblemFile[], text: string, kind: ProblemKind | 'all'): ProblemFile[] {
  const needle = text.trim().toLowerCase();
  return files.filter(
    (f) =>
      (kind === 'all' || f.kind === kind) &&
      (needle === '' ||
        f.path.toLowerCase().includes(needle) ||
        f.messages.some((m) => m.toLowerCase().includes(needle))),
  );
}

/** The columns of the exported CSV. */
export const PROBLEM_CSV_COLUMNS = ['path', 'kind', 'reason'];

/** path,kind,reason: one row per reason or warning message, quoted as RFC 4180 asks. */
export function problemsCsv(files: readonly ProblemFile[]): string {
  return formatCsv(
    PROBLEM_CSV_COLUMNS,
    files.flatMap((f) => f.messages.map((m) => [f.path, f.kind, m])),
  );
}

/** How many files have a problem: failed ones plus those read with warnings (status counts both). */
export function problemCount(status: { errors: number; warnings: number } | null): number {
  return status ? status.errors + status.warnings : 0;
}
