// What the views read: the map as columns, one object's details and pixels, the labelled
// objects. Read-only over the workspace; SerendipService exposes these as API methods.
import type { Workspace } from '../workspace/workspace.js';
import { getObject } from '../workspace/repositories/objects-repo.js';
import {
  getMetadata,
  metadataColumn,
  metadataKeyNames,
  metadataSample,
} from '../workspace/repositories/metadata-repo.js';
import { getLabel, labelHistory } from '../workspace/repositories/labels-repo.js';
import { latestDoneRunPerMethod } from '../workspace/repositories/runs-repo.js';
import { loadRunArray, type RunArray } from '../discovery/run-arrays.js';
import { readObjectImage } from './object-image.js';
import { readObjectSpectrum } from '../ingest/read-spectrum.js';
import { objectSpectrumOf, WrongModalityError } from './object-spectrum.js';
import { SerendipError } from './errors.js';
import type { ObjectSpectrum } from './view-types.js';
import type { LabelledObject, MapColumn, MapData, MapLabelChanges, ObjectDetails, ObjectPixels } from './view-types.js';
import { NO_RATING } from './view-types.js';
import { placeByIds, rowLookup, type RowLookup } from '../discovery/row-lookup.js';
import { classifyColumn, columnStats } from './column-kind.js';
import { buildMapColumn } from './map-column.js';
import { scoreRank } from '../util/score-numbers.js';
import { combineMaps, newestRunPerModality, type MapLayout } from './map-layout.js';

/** How many of a column's values decide whether the colour menu offers it (an identifier's are all distinct). */
const COLOUR_MENU_SAMPLE = 2000;

/** The inspector's pixel limit: larger sources are block-averaged down to it. */
export const MAX_INSPECTOR_PIXELS = 512;

export class UnknownObjectIdError extends SerendipError {
  override name = 'UnknownObjectIdError';
  constructor(message: string) {
    super('not-found', message);
  }
}

/** The map's rows and the columns a filter reads; `layout` null (and no rows) while there is no map. */
export type MapRows = Pick<MapData, 'runId' | 'count' | 'ids' | 'score' | 'scoreRuns' | 'labelCode' | 'labelNames'> & {
  layout: MapLayout | null;
  rowOf: RowLookup;
};

/** Run arrays are immutable once done, so they are cached by run id. */
export class ViewService {
  private readonly arrays = new Map<string, RunArray>();
  private layout: MapLayout | null = null;

  constructor(private readonly workspace: Workspace) {}

  private runArray(folder: string, runId: string): RunArray {
    let array = this.arrays.get(runId);
    if (!array) {
      array = loadRunArray(folder, runId);
      this.arrays.set(runId, array);
    }
    return array;
  }

  /** The newest map of each modality side by side (map-layout.ts), cached while its runs stay the newest. */
  private mapLayout(): MapLayout | null {
    const { db, paths } = this.workspace;
    const runs = newestRunPerModality(db, 'map');
    if (runs.length === 0) return null;
    const key = runs.map((r) => r.id).join('+');
    if (this.layout?.runId !== key) {
      const arrays = runs.map((r) => this.runArray(paths.maps, r.id));
      this.layout = combineMaps(
        runs.map((r) => r.id),
        arrays,
      );
    }
    return this.layout;
  }

  /**
   * The map's rows with the columns a filter reads (map-filter.ts): ids, score, label codes. Shared by mapData and the
   * server's filters (the queue's), which need neither positions nor the colour menu.
   */
  mapRows(): MapRows {
    const { db, paths } = this.workspace;
    const layout = this.mapLayout();
    const ids = layout?.ids ?? new Float64Array(0);
    const n = ids.length;
    const rowOf = rowLookup(ids);
    let score: Float32Array | null = null;
    const scoreRuns = layout ? newestRunPerModality(db, 'score') : [];
    for (const scoreRun of scoreRuns) {
      const scores = this.runArray(paths.scores, scoreRun.id);
      score ??= new Float32Array(n).fill(NaN);
      placeByIds(score, ids, rowOf, scores.ids, scores.data);
    }
    const { codes: labelCode, names: labelNames } = layout
      ? this.labelCodes(rowOf, n)
      : { codes: new Uint8Array(0), names: [] };
    return {
      layout,
      rowOf,
      runId: layout?.runId ?? null,
      count: n,
      ids,
      score,
      scoreRuns: scoreRuns.map((r) => r.id),
      labelCode,
      labelNames,
    };
  }

  mapData(): MapData {
    const { layout, rowOf, ...rows } = this.mapRows();
    return {
      ...rows,
      // Copies: the caller may keep or transfer them; the layout stays cached here.
      x: layout ? layout.x.slice() : new Float32Array(0),
      y: layout ? layout.y.slice() : new Float32Array(0),
      ratings: this.ratings(rowOf, rows.count),
      labelEvent: this.newestLabelEvent(),
      metadataColumns: this.colourableColumns(),
    };
  }

  private newestLabelEvent(): number {
    return (this.workspace.db.prepare('SELECT coalesce(max(id), 0) AS id FROM label_events').get() as { id: number })
      .id;
  }

  mapLabelChanges(since: number): MapLabelChanges {
    const { db } = this.workspace;
    const labelEvent = this.newestLabelEvent();
    const layout = this.mapLayout();
    const none = {
      runId: layout?.runId ?? null,
      since,
      labelEvent,
      rows: new Uint32Array(0),
      codes: new Uint16Array(0),
      names: [],
      ratings: new Uint8Array(0),
    };
    if (!layout || labelEvent <= since) return none;
    // Each changed object once, with its label now (null: cleared).
    const changed = db
      .prepare(
        `SELECT e.object_id AS id, l.label, l.relevance
         FROM (SELECT DISTINCT object_id FROM label_events WHERE id > ?) e
         LEFT JOIN labels l ON l.object_id = e.object_id`,
      )
      .all(since) as { id: number; label: string | null; relevance: number | null }[];
    const names: string[] = [];
    const codeOf = new Map<string, number>();
    const codeById = new Map<number, number>();
    const ratingById = new Map<number, number>();
    for (const { id, label, relevance } of changed) {
      ratingById.set(id, label === null && relevance !== null ? relevance : NO_RATING);
      let code = 0;
      if (label !== null) {
        code = codeOf.get(label) ?? names.push(label);
        codeOf.set(label, code);
      }
      codeById.set(id, code);
    }
    // One pass over the map's ids finds the rows (no id-to-row table is kept for a million rows).
    const ids = layout.ids;
    const rows: number[] = [];
    const codes: number[] = [];
    const ratings: number[] = [];
    for (let row = 0; row < ids.length; row++) {
      const code = codeById.get(ids[row]);
      if (code === undefined) continue;
      rows.push(row);
      codes.push(code);
      ratings.push(ratingById.get(ids[row])!);
    }
    const changes = { rows: Uint32Array.from(rows), codes: Uint16Array.from(codes), ratings: Uint8Array.from(ratings) };
    return { ...none, ...changes, names };
  }

  /** Per map row: the relevance of an object rated without a label, else NO_RATING. */
  private ratings(rowOf: RowLookup, n: number): Uint8Array {
    const ratings = new Uint8Array(n).fill(NO_RATING);
    const rows = this.workspace.db
      .prepare('SELECT object_id, relevance FROM labels WHERE label IS NULL AND relevance IS NOT NULL')
      .all() as { object_id: number; relevance: number }[];
    for (const r of rows) {
      const row = rowOf(r.object_id);
      if (row !== undefined) ratings[row] = r.relevance;
    }
    return ratings;
  }

  private labelCodes(rowOf: RowLookup, n: number): { codes: Uint8Array; names: string[] } {
    const rows = this.workspace.db
      .prepare('SELECT object_id, label FROM labels WHERE label IS NOT NULL ORDER BY label')
      .all() as {
      object_id: number;
      label: string;
    }[];
    const names: string[] = [];
    const codeOf = new Map<string, number>();
    const codes = new Uint8Array(n);
    for (const r of rows) {
      let code = codeOf.get(r.label);
      if (code === undefined) {
        // Codes are one byte; past 254 distinct labels the rest share the last code.
        code = Math.min(names.push(r.label), 255);
        codeOf.set(r.label, code);
      }
      const row = rowOf(r.object_id);
      if (row !== undefined) codes[row] = code;
    }
    return { codes, names: names.slice(0, 255) };
  }

  /** The catalog columns the colour menu offers, judged on a sample of each (no scan of the whole catalog). */
  private colourableColumns(): { key: string }[] {
    const { db } = this.workspace;
    return metadataKeyNames(db)
      .filter((key) => classifyColumn(columnStats(key, metadataSample(db, key, COLOUR_MENU_SAMPLE))) !== 'excluded')
      .map((key) => ({ key }));
  }

  mapColumn(key: string): MapColumn {
    const { db } = this.workspace;
    const ids = this.mapLayout()?.ids ?? new Float64Array(0);
    return buildMapColumn(key, metadataColumn(db, key), rowLookup(ids), ids.length);
  }

  objectDetails(id: number): ObjectDetails {
    const { db, paths } = this.workspace;
    const object = getObject(db, id);
    if (!object) throw new UnknownObjectIdError(`no object with id ${id}`);
    const label = getLabel(db, id);
    // The newest done run of each scoring method, most recently run method first.
    const scoreRuns = latestDoneRunPerMethod(db, 'score', object.modality).sort(
      (a, b) => b.created.localeCompare(a.created) || b.id.localeCompare(a.id),
    );
    const scores: ObjectDetails['scores'] = [];
    for (const { method, id: runId } of scoreRuns) {
      const array = this.runArray(paths.scores, runId);
      const row = array.ids.indexOf(id);
      if (row < 0) continue;
      const score = array.data[row];
      const place = scoreRank(array.data, score);
      if (place) scores.push({ runId, method, score, ...place });
    }
    return {
      id,
      name: object.name,
      path: object.path,
      modality: object.modality,
      width: object.width,
      height: object.height,
      bands: object.bands,
      hdu: object.hdu,
      ra: object.ra,
      dec: object.dec,
      thumb: object.thumb,
      metadata: getMetadata(db, id),
      scores,
      label: label?.label ?? null,
      relevance: label?.relevance ?? null,
      note: label?.note ?? null,
      history: labelHistory(db, id).map(({ action, label, relevance, note, source, at }) => ({
        action,
        label,
        relevance,
        note,
        source,
        at,
      })),
    };
  }

  async objectPixels(id: number): Promise<ObjectPixels> {
    const object = getObject(this.workspace.db, id);
    if (!object) throw new UnknownObjectIdError(`no object with id ${id}`);
    if (object.modality === 'spectrum')
      throw new WrongModalityError(`object ${object.name} is a spectrum, not an image: read it with objectSpectrum`);
    return { id, ...(await readObjectImage(this.workspace, object, MAX_INSPECTOR_PIXELS)) };
  }

  /** A spectrum object's pixels at full resolution for the inspector's plot (see ObjectSpectrum). */
  async objectSpectrum(id: number): Promise<ObjectSpectrum> {
    const object = getObject(this.workspace.db, id);
    if (!object) throw new UnknownObjectIdError(`no object with id ${id}`);
    if (object.modality !== 'spectrum')
      throw new WrongModalityError(
        `object ${object.name} is an ${object.modality}, not a spectrum: read it with objectPixels`,
      );
    const spectrum = await readObjectSpectrum(this.workspace, id);
    return objectSpectrumOf(id, object.name, spectrum, getMetadata(this.workspace.db, id));
  }

  labelled(label?: string): LabelledObject[] {
    const rows = this.workspace.db
      .prepare(
        `SELECT o.id, o.name, o.thumb, l.label, l.relevance, l.note, l.updated_at AS updatedAt
         FROM labels l JOIN objects o ON o.id = l.object_id
         WHERE l.label IS NOT NULL AND (? IS NULL OR l.label = ?) ORDER BY l.updated_at DESC, l.event_id DESC`,
      )
      .all(label ?? null, label ?? null) as LabelledObject[];
    return rows;
  }

  labelCounts(): { label: string; count: number }[] {
    return this.workspace.db
      .prepare(
        `SELECT label, count(*) AS count FROM labels WHERE label IS NOT NULL
         GROUP BY label ORDER BY count DESC, label`,
      )
      .all() as { label: string; count: number }[];
  }
}
