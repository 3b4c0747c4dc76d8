// The server's side of the map's filters: which map rows a filter lets through (map-filter.ts's
// mask over the same columns the renderer holds), the name filter's matches, the queue narrowed
// to a filter, and the saved views (name → filter and colouring).
import type { Workspace } from '../workspace/workspace.js';
import { deleteSavedView, listSavedViews, putSavedView } from '../workspace/repositories/saved-views-repo.js';
import { filterMask, isFilterActive, SCORE_COLUMN, type FilterInputs, type MapFilter } from './map-filter.js';
import { MapFilterSchema, SaveViewRequest, type MapNameMatches, type SavedView } from './contract-filters.js';
import { likeEscaped } from './object-search.js';
import { SerendipError } from './errors.js';
import type { ViewService } from './view-service.js';

/** An entry of a ranking with its object id (the queue's entries). */
interface Ranked {
  id: number;
}

export class MapFilterService {
  constructor(
    private readonly workspace: Workspace,
    private readonly views: ViewService,
  ) {}

  nameMatches(text: string): MapNameMatches {
    const map = this.views.mapRows();
    return { runId: map.runId, text, rows: this.nameRows(map.ids, text) };
  }

  /** Rows of `ids` whose object's name contains `text` (case-insensitive, as SQLite's LIKE is for ASCII). */
  private nameRows(ids: Float64Array, text: string): Uint32Array {
    const matched = this.workspace.db
      .prepare("SELECT id FROM objects WHERE name LIKE ? ESCAPE '\\'")
      .pluck()
      .all(`%${likeEscaped(text.trim())}%`) as number[];
    const wanted = new Set(matched);
    const rows: number[] = [];
    for (let row = 0; row < ids.length; row++) if (wanted.has(ids[row])) rows.push(row);
    return Uint32Array.from(rows);
  }

  /** The ids of the map's objects `filter` lets through. */
  passingIds(filter: MapFilter): Set<number> {
    const map = this.views.mapRows();
    const columns = new Map<string, Float32Array>();
    for (const { column } of filter.ranges) {
      const values = column === SCORE_COLUMN ? map.score : this.numericColumn(column);
      if (values) columns.set(column, values);
    }
    let nameRows: Uint8Array | null = null;
    if (filter.name.trim()) {
      nameRows = new Uint8Array(map.count);
      for (const row of this.nameRows(map.ids, filter.name)) nameRows[row] = 1;
    }
    const inputs: FilterInputs = { ...map, columns, nameRows };
    const mask = filterMask(filter, inputs);
    const ids = new Set<number>();
    for (let row = 0; row < map.count; row++) if (mask[row]) ids.add(map.ids[row]);
    return ids;
  }

  private numericColumn(column: string): Float32Array {
    if (!column.startsWith('meta:'))
      throw new SerendipError('bad-request', `cannot filter by "${column}"; use "score" or "meta:<catalog column>"`);
    const values = this.views.mapColumn(column.slice(5)).values;
    if (!values)
      throw new SerendipError(
        'bad-request',
        `catalog column "${column.slice(5)}" is not numeric; filter by label instead`,
      );
    return values;
  }

  /**
   * The first `n` of a ranking that pass `filter`. `rank(limit)` gives the ranking's first `limit`; it is asked for
   * more (eight times as many each time) until `n` pass or the ranking holds no more.
   */
  filtered<T extends Ranked>(filter: MapFilter | undefined, n: number, rank: (limit: number) => T[]): T[] {
    if (!filter || !isFilterActive(filter)) return rank(n);
    const passing = this.passingIds(filter);
    for (let limit = n; ; limit *= 8) {
      const ranked = rank(limit);
      const kept = ranked.filter((entry) => passing.has(entry.id));
      if (kept.length >= n || ranked.length < limit) return kept.slice(0, n);
    }
  }

  savedViews(): SavedView[] {
    return listSavedViews(this.workspace.db).flatMap(({ name, json }) => {
      try {
        const view = JSON.parse(json) as Partial<SavedView>;
        const filter = MapFilterSchema.parse(view.filter);
        return [{ name, filter, colourBy: view.colourBy ?? 'score', savedAt: view.savedAt ?? '' }];
      } catch {
        return []; // a view a later version wrote in a shape this one cannot read
      }
    });
  }

  saveView(request: SaveViewRequest): SavedView {
    const { name, filter, colourBy } = SaveViewRequest.parse(request);
    const view: SavedView = { name, filter, colourBy, savedAt: new Date().toISOString() };
    putSavedView(this.workspace.db, name, JSON.stringify(view));
    return view;
  }

  deleteView(name: string): { deleted: boolean } {
    return { deleted: deleteSavedView(this.workspace.db, name) };
  }
}
