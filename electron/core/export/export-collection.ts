// `serendip export`: the table as CSV, Parquet and/or a FITS binary table, optionally the embedding rows
// beside it (row i of embeddings.npy is row i of the table) and the source files copied
// into one folder per label, plus manifest.json with the provenance. Every file is
// written under a temporary name and renamed, so a reader never sees half an export.
import { copyFile, mkdir, rename } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { Workspace } from '../workspace/workspace.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { formatCsv } from '../formats/tables/csv.js';
import { APP_VERSION } from '../app-version.js';
import { nowIso } from '../util/time.js';
import { tableFits } from './export-fits.js';
import { buildExportTable, type ExportColumn, type ExportTable } from './export-table.js';
import { writeEmbeddingRows } from './export-embeddings.js';
import { latestDoneRun } from '../workspace/repositories/runs-repo.js';

import type { ExportFormat } from '../api/contract-lists.js';

export interface ExportOptions {
  formats?: ExportFormat[];
  labelledOnly?: boolean;
  withFiles?: boolean;
  withEmbeddings?: boolean;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface ExportResult {
  outDir: string;
  rows: number;
  files: string[];
}

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  // String(number) is the shortest text that reads back to the same double.
  return typeof value === 'number' ? (Number.isFinite(value) ? String(value) : 'nan') : value;
}

function tableCsv(table: ExportTable): string {
  const rows = table.ids.map((_, r) => table.columns.map((c) => csvCell(c.values[r])));
  return formatCsv(
    table.columns.map((c) => c.name),
    rows,
  );
}

function parquetColumn(column: ExportColumn) {
  switch (column.kind) {
    case 'text':
      return { name: column.name, data: column.values as (string | null)[], type: 'STRING' as const };
    case 'integer':
      return { name: column.name, data: column.values as (number | null)[], type: 'INT32' as const };
    default:
      return { name: column.name, data: column.values as (number | null)[], type: 'DOUBLE' as const };
  }
}

/** A label as a folder name: safe on every platform, never empty. */
export function labelFolder(label: string | null): string {
  if (!label) return 'unlabelled';
  const safe = label
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '_')
    .replace(/^[._]+/, '')
    .slice(0, 80);
  return safe || 'label';
}

async function copyAtomic(from: string, to: string): Promise<void> {
  const tmp = join(to, '..', `.${basename(to)}.tmp`);
  await copyFile(from, tmp);
  await rename(tmp, to);
}

export async function exportCollection(
  workspace: Workspace,
  outDir: string,
  options: ExportOptions = {},
): Promise<ExportResult> {
  const formats = options.formats?.length ? options.formats : ['csv'];
  await mkdir(outDir, { recursive: true });
  const table = buildExportTable(workspace, { labelledOnly: options.labelledOnly });
  const written: string[] = [];
  const write = async (name: string, data: Uint8Array | string) => {
    await writeFileAtomic(join(outDir, name), data);
    written.push(name);
  };
  // objects.csv is always written: the contract promises it, and every tool reads it.
  await write('objects.csv', tableCsv(table));
  if (formats.includes('parquet')) {
    await write(
      'objects.parquet',
      new Uint8Array(parquetWriteBuffer({ columnData: table.columns.map(parquetColumn) })),
    );
  }
  if (formats.includes('fits')) await write('objects.fits', tableFits(table));

  let embeddingRun: string | null = null;
  if (options.withEmbeddings) {
    const run = latestDoneRun(workspace.db, 'embedding');
    if (!run) throw new Error('no embedding to export yet: run `serendip embed` first');
    await writeEmbeddingRows(workspace.paths.embeddings, run.id, table.ids, join(outDir, 'embeddings.npy'), {
      signal: options.signal,
    });
    written.push('embeddings.npy');
    embeddingRun = run.id;
    if (!table.runs.some((r) => r.id === run.id)) table.runs.push(run);
  }

  if (options.withFiles) {
    const labels = table.columns.find((c) => c.name === 'label')!.values as (string | null)[];
    const paths = table.columns.find((c) => c.name === 'path')!.values as string[];
    const names = table.columns.find((c) => c.name === 'name')!.values as string[];
    const copied = new Set<string>();
    for (let r = 0; r < table.ids.length; r++) {
      options.signal?.throwIfAborted();
      const folder = join('files', labelFolder(labels[r]));
      await mkdir(join(outDir, folder), { recursive: true });
      const source = workspace.resolvePath(paths[r]);
      const target = join(folder, basename(source));
      // Several objects can share a file (multi-object files) or a file name (different folders).
      const unique = copied.has(target) ? join(folder, `${labelFolder(names[r])}-${basename(source)}`) : target;
      if (!copied.has(unique)) {
        await copyAtomic(source, join(outDir, unique));
        copied.add(unique);
      }
      options.onProgress?.(r + 1, table.ids.length);
    }
    written.push(`files/ (${copied.size} files)`);
  }

  const manifest = {
    app: 'serendip',
    version: APP_VERSION,
    created: nowIso(),
    workspace: workspace.paths.root,
    rows: table.ids.length,
    options: {
      formats,
      labelledOnly: !!options.labelledOnly,
      withFiles: !!options.withFiles,
      withEmbeddings: !!options.withEmbeddings,
    },
    columns: table.columns.map((c) => ({ name: c.name, kind: c.kind })),
    embeddingRun,
    runs: table.runs.map((r) => ({
      id: r.id,
      kind: r.kind,
      method: r.method,
      created: r.created,
      params: JSON.parse(r.params) as unknown,
    })),
    files: [...written],
  };
  await write('manifest.json', JSON.stringify(manifest, null, 2) + '\n');
  return { outDir, rows: table.ids.length, files: written };
}
