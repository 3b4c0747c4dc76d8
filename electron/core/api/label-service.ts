// Labelling through the API: names resolved to objects, values validated, label files
// imported whole or not at all.
import { readFile } from 'node:fs/promises';
import type { Db } from '../workspace/database.js';
import { findObjectByName, getObject, objectIdsByName } from '../workspace/repositories/objects-repo.js';
import {
  clearLabel,
  getLabel,
  setLabel,
  setLabels,
  undoLastLabelChange,
  type LabelValue,
} from '../workspace/repositories/labels-repo.js';
import { parseCsv } from '../formats/tables/csv.js';
import { LabelManyRequest, LabelRequest, type LabelResult, type UndoResult } from './contract.js';
import { SerendipError } from './errors.js';

export class UnknownObjectError extends SerendipError {
  override name = 'UnknownObjectError';
  constructor(message: string) {
    super('not-found', message);
  }
}

export function objectIdByName(db: Db, name: string): number {
  const object = findObjectByName(db, name);
  if (!object) throw new UnknownObjectError(`no object named "${name}" in this workspace`);
  return object.id;
}

function currentLabel(db: Db, objectId: number, name: string): LabelResult {
  const label = getLabel(db, objectId);
  return { name, label: label?.label ?? null, relevance: label?.relevance ?? null, note: label?.note ?? null };
}

export function labelObject(db: Db, request: LabelRequest): LabelResult {
  const r = LabelRequest.parse(request);
  const id = objectIdByName(db, r.name);
  if (r.label === null) {
    // A relevance alone re-rates the object; a label it already has stays.
    const current = getLabel(db, id);
    setLabel(db, id, { label: current?.label ?? null, relevance: r.relevance, note: r.note ?? current?.note ?? null });
  } else setLabel(db, id, { label: r.label, relevance: r.relevance, note: r.note });
  return currentLabel(db, id, r.name);
}

export function clearObjectLabel(db: Db, name: string): LabelResult {
  const id = objectIdByName(db, name);
  clearLabel(db, id);
  return currentLabel(db, id, name);
}

export function undoLastLabel(db: Db): UndoResult | null {
  const undone = undoLastLabelChange(db);
  if (!undone) return null;
  const { objectId } = undone[0];
  return { ...currentLabel(db, objectId, getObject(db, objectId)?.name ?? String(objectId)), changes: undone.length };
}

export async function importLabelCsv(db: Db, path: string): Promise<{ labelled: number }> {
  const table = parseCsv(await readFile(path, 'utf8'), { delimiter: 'auto' });
  const column = (name: string) => table.columns.findIndex((c) => c.trim().toLowerCase() === name);
  const [nameAt, labelAt, relevanceAt, noteAt] = ['name', 'label', 'relevance', 'note'].map(column);
  if (nameAt < 0 || labelAt < 0)
    throw new Error(
      `${path}: a label file needs the columns name,label[,relevance][,note]; found ${table.columns.join(',')}`,
    );
  const problems: string[] = [];
  const entries: { objectId: number; value: LabelValue }[] = [];
  table.rows.forEach((row, i) => {
    const line = i + 2;
    const name = row[nameAt]?.trim() ?? '';
    const label = row[labelAt]?.trim() ?? '';
    const relevanceText = relevanceAt >= 0 ? (row[relevanceAt]?.trim() ?? '') : '';
    const relevance = relevanceText === '' ? null : Number(relevanceText);
    const object = name ? findObjectByName(db, name) : undefined;
    if (!object) problems.push(`line ${line}: no object named "${name}"`);
    else if (!label) problems.push(`line ${line}: empty label`);
    else if (relevance !== null && !(Number.isInteger(relevance) && relevance >= 0 && relevance <= 5))
      problems.push(`line ${line}: relevance must be 0-5, got "${relevanceText}"`);
    else
      entries.push({
        objectId: object.id,
        value: { label, relevance, note: noteAt >= 0 && row[noteAt]?.trim() ? row[noteAt].trim() : null },
      });
  });
  if (problems.length) {
    const shown = problems.slice(0, 10).join('; ');
    throw new Error(
      `${path}: nothing imported, ${problems.length} bad row(s): ${shown}${problems.length > 10 ? '; ...' : ''}`,
    );
  }
  return { labelled: setLabels(db, entries) };
}

export function labelManyObjects(db: Db, request: LabelManyRequest): { labelled: number } {
  const r = LabelManyRequest.parse(request);
  const ids = objectIdsByName(db, r.names);
  const value = { label: r.label, relevance: r.relevance, note: r.note };
  const entries = r.names.map((name) => {
    const objectId = ids.get(name);
    // Refused before anything is written, naming the first unknown object as a lookup one by one would.
    if (objectId === undefined) throw new UnknownObjectError(`no object named "${name}" in this workspace`);
    return { objectId, value };
  });
  return { labelled: setLabels(db, entries, 'user') };
}
