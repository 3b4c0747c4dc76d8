// Commits what ingest read, a batch of files in one short transaction: model inputs and
// thumbnails are written first, then the rows that point at them, so a crash never leaves a
// row pointing at nothing. A many-object file's row keeps an 'incomplete' mtime until its last
// chunk lands, so an ingest killed part-way reads the file again next time.
import type { Workspace } from '../workspace/workspace.js';
import { inTransaction } from '../workspace/database.js';
import { findSourceFile, upsertSourceFile } from '../workspace/repositories/source-files-repo.js';
import { clearIngestError, recordIngestError } from '../workspace/repositories/ingest-errors-repo.js';
import { replaceIngestWarnings } from '../workspace/repositories/ingest-warnings-repo.js';
import {
  findObjectBySource,
  insertObject,
  nameIsTaken,
  updateObjectContent,
} from '../workspace/repositories/objects-repo.js';
import { putMetadata } from '../workspace/repositories/metadata-repo.js';
import { nowIso } from '../util/time.js';
import { positionFromIauName } from '../util/sky-coordinates.js';
import { stemOf, type SourceFormat } from './file-types.js';
import type { IngestedItem } from './ingested-item.js';
import type { ModelInputStore } from './model-input-store.js';
import { thumbnailName } from './thumbnail-store.js';

/** The mtime a many-object file's row keeps until its last chunk is committed: never a real file's. */
export const INCOMPLETE_MTIME = -1;

/** How the objects of a file are named: by the rule below, or by a plan decided before any shard ran. */
export type Naming =
  | { kind: 'first-free' }
  /** `many`: the plan knows the file holds several objects (an HDF5 collection), even when a unit reads one row. */
  | { kind: 'planned'; base: string; fileNames: boolean; many?: boolean };

export interface ReadOutcome {
  kind: 'read';
  stored: string;
  size: number;
  mtimeMs: number;
  format: SourceFormat;
  items: IngestedItem[];
  /** False for a chunk of a file that has more to come. */
  complete: boolean;
  /** The file holds several objects (their names take the item index). */
  manyItems: boolean;
  naming: Naming;
}

export type FileOutcome =
  | ReadOutcome
  | { kind: 'skipped' }
  | { kind: 'ignored' }
  | { kind: 'failed'; stored: string; reason: string; size: number | null; mtimeMs: number | null };

export interface CommitCounts {
  added: number;
  updated: number;
  skipped: number;
  failed: number;
  ignored: number;
  errors: { path: string; reason: string }[];
  warnings: { path: string; messages: string[] }[];
}

export function commitOutcomes(
  workspace: Workspace,
  inputs: ModelInputStore,
  outcomes: FileOutcome[],
  summary: CommitCounts,
): void {
  const { db } = workspace;
  const at = nowIso();
  // Array files first: their rows are only reachable once the transaction below commits.
  const placed = outcomes.map((outcome) => {
    if (outcome.kind !== 'read') return [];
    const file = findSourceFile(db, outcome.stored);
    return outcome.items.map((item) => {
      const existing = file ? findObjectBySource(db, file.id, item.itemIndex) : undefined;
      const previous = { store: existing?.input_store ?? null, row: existing?.input_row ?? null };
      const slot =
        item.modelInput && item.inputLayout
          ? inputs.put(item.modelInput, item.inputLayout, previous)
          : { store: null, row: null };
      return { item, existing, slot };
    });
  });
  inTransaction(db, () => {
    outcomes.forEach((outcome, i) => {
      switch (outcome.kind) {
        case 'skipped':
          summary.skipped++;
          return;
        case 'ignored':
          summary.ignored++;
          return;
        case 'failed':
          summary.failed++;
          summary.errors.push({ path: outcome.stored, reason: outcome.reason });
          recordIngestError(db, {
            path: outcome.stored,
            reason: outcome.reason,
            size: outcome.size,
            mtime_ms: outcome.mtimeMs,
            at,
          });
          return;
        case 'read': {
          const mtime = outcome.complete ? outcome.mtimeMs : INCOMPLETE_MTIME;
          const fileId = upsertSourceFile(db, {
            path: outcome.stored,
            size: outcome.size,
            mtime_ms: mtime,
            format: outcome.format,
            ingested_at: at,
          });
          if (outcome.complete) {
            clearIngestError(db, outcome.stored);
            // A file's warnings are its items' together (one item of many may lie outside every spectrum grid).
            const warnings = [...new Set(outcome.items.flatMap((item) => item.warnings ?? []))];
            replaceIngestWarnings(db, outcome.stored, warnings, at);
            if (warnings.length > 0) summary.warnings.push({ path: outcome.stored, messages: warnings });
          }
          let updatedAny = false;
          for (const { item, existing, slot } of placed[i]) {
            const name = existing ? existing.name : objectName(workspace, outcome, item);
            const position = positionOf(item, name);
            const content = {
              hdu: item.hdu,
              ra: position.ra,
              dec: position.dec,
              width: item.width,
              height: item.height,
              bands: item.bands,
              input_store: slot.store,
              input_row: slot.row,
              thumb: thumbnailName(outcome.stored, item.itemIndex),
            };
            let objectId: number;
            if (existing) {
              updateObjectContent(db, existing.id, content, at);
              objectId = existing.id;
              updatedAny = true;
            } else {
              objectId = insertObject(
                db,
                { name, modality: item.modality, file_id: fileId, item_index: item.itemIndex, ...content },
                at,
              );
            }
            // What the file states (a spectrum's z and class), attributed to the file itself.
            if (item.metadata.length > 0) putMetadata(db, objectId, item.metadata, outcome.stored);
          }
          if (!outcome.complete) return;
          if (updatedAny) summary.updated++;
          else summary.added++;
        }
      }
    });
  });
}

/**
 * The file's position, else the one an IAU-style name ("SDSS J100024.00+021200.0") spells out. Filled
 * here, once, so every reader of ra/dec (map, sky matches, go to object) sees it; a catalog joined
 * by name later replaces it (catalog-join.ts), as a measured position beats a truncated one.
 */
function positionOf(item: IngestedItem, name: string): { ra: number | null; dec: number | null } {
  if (item.ra !== null && item.dec !== null) return { ra: item.ra, dec: item.dec };
  return positionFromIauName(name) ?? { ra: item.ra, dec: item.dec };
}

function objectName(workspace: Workspace, outcome: ReadOutcome, item: IngestedItem): string {
  const { naming } = outcome;
  const many = naming.kind === 'planned' ? (naming.many ?? outcome.manyItems) : outcome.manyItems;
  const suffix = many ? `[${item.itemIndex}]` : '';
  if (naming.kind === 'planned') return naming.fileNames && item.nameHint ? item.nameHint : naming.base + suffix;
  return firstFreeName(workspace, item.nameHint, outcome.stored, suffix);
}

/**
 * The name the file gives (an HDF5 names column: used as it is) if free, else the stem, else
 * the workspace-relative path (without extension) breaks the tie; items of a many-object
 * file take their index after the stem or path. Which file is first decides, so a sharded
 * ingest names by its plan instead.
 */
function firstFreeName(workspace: Workspace, hint: string | null, stored: string, suffix: string): string {
  const byPath = stored.replace(/\.[^./]+$/, '') + suffix;
  const candidates = [...(hint ? [hint] : []), stemOf(stored) + suffix, byPath];
  for (const name of candidates) if (!nameIsTaken(workspace.db, name)) return name;
  for (let n = 2; ; n++) if (!nameIsTaken(workspace.db, `${byPath}~${n}`)) return `${byPath}~${n}`;
}
