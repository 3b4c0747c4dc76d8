// The app's shared state and the actions that change it. One small store read through
// useSyncExternalStore: views subscribe to what they draw; column data (MapData) is kept
// as the typed arrays the API returned and never copied into per-point objects. The label
// column lives apart from the map (label-column.ts): a label change patches it from a
// small mapLabelChanges answer instead of reloading the whole map.
import { useSyncExternalStore } from 'react';
import type { EmbedRequest, StatusResult } from '../../../electron/core/api/contract.js';
import type { JobInfo, MapData, ObjectDetails } from '../../../electron/core/api/view-types.js';
import type { ApiClient } from '../api/api-client.js';
import { loadLabelKeys } from './label-keys.js';
import { labelColumnOf, type LabelColumn } from './label-column.js';
import { LabelSync } from './label-sync.js';
import { NO_FILTER, type MapFilter } from '../../../electron/core/api/map-filter.js';
import type { SavedView } from '../../../electron/core/api/contract-filters.js';

export type ViewName = 'map' | 'queue' | 'labels' | 'families';
/** 'score' | 'label' | 'meta:<column>' */
export type ColourBy = string;

export interface AppState {
  view: ViewName;
  selectedId: number | null;
  /** Ids picked with the box on the map (empty: none). */
  boxSelection: number[];
  colourBy: ColourBy;
  map: MapData | null;
  /** The map's label column, patched as labels change; null while there is no map. */
  labels: LabelColumn | null;
  /** Ids of the next objects in the labelling queue, soonest first (the map marks them); null until known. */
  queued: number[] | null;
  status: StatusResult | null;
  workspace: { root: string; name: string } | null;
  jobs: JobInfo[];
  /** Bumped whenever labels change, so label-dependent views refetch. */
  labelsVersion: number;
  helpOpen: boolean;
  labelKeys: Record<string, string>;
  error: string | null;
  /** What the map and the queue show (map-filter.ts); NO_FILTER: everything. */
  filter: MapFilter;
  /** The columns with a histogram in the map's filter panel ('score', 'meta:<key>'). */
  histogramColumns: string[];
}

/** Jobs whose end changes what the map shows. */
const MAP_CHANGING_JOBS = new Set(['demo', 'ingest', 'embed', 'rank', 'map']);
/** How many of the queue's next objects the map marks. */
export const QUEUED_ON_MAP = 20;

export class AppStore {
  private state: AppState = {
    view: 'map',
    selectedId: null,
    boxSelection: [],
    colourBy: 'score',
    map: null,
    labels: null,
    queued: null,
    status: null,
    workspace: null,
    jobs: [],
    labelsVersion: 0,
    helpOpen: false,
    labelKeys: loadLabelKeys(),
    error: null,
    filter: NO_FILTER,
    histogramColumns: ['score'],
  };
  private readonly listeners = new Set<() => void>();
  private readonly details = new Map<number, Promise<ObjectDetails>>();
  /** The map's scores or layout changed while another view was shown. */
  mapStale = false;
  /** Patches `labels` (and the status counts) after label changes. */
  private readonly labelSync: LabelSync;
  /** Bumped by every change of `queued`, so an older answer never overwrites a newer list. */
  private queuedVersion = 0;

  constructor(readonly api: ApiClient) {
    this.labelSync = new LabelSync(api, {
      labels: () => this.state.labels,
      setLabels: (labels) => this.set({ labels }),
      setStatus: (status) => this.set({ status }),
      reloadMap: () => this.refresh(),
      fail: (error) => this.set({ error }),
    });
  }

  get = (): AppState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  set(patch: Partial<AppState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  async init(): Promise<void> {
    this.api.onJobEvent((event) => {
      const jobs = this.state.jobs.filter((j) => j.id !== event.job.id);
      this.set({ jobs: [...jobs, event.job].sort((a, b) => a.queuedAt.localeCompare(b.queuedAt)) });
      if (event.type === 'finished' && event.job.state === 'done' && MAP_CHANGING_JOBS.has(event.job.method))
        void this.refresh();
    });
    const [workspace, jobs] = await Promise.all([this.api.call('workspaceInfo'), this.api.call('jobs')]);
    this.set({ workspace, jobs });
    await this.refresh();
  }

  /** Another workspace is open now (chooser): forget the old one's objects, load the new one. */
  async workspaceChanged(): Promise<void> {
    this.details.clear(); // ids repeat across workspaces
    this.mapStale = false;
    this.set({
      selectedId: null,
      boxSelection: [],
      map: null,
      labels: null,
      queued: null,
      status: null,
      colourBy: 'score',
      labelsVersion: this.state.labelsVersion + 1,
      error: null,
      filter: NO_FILTER,
      histogramColumns: ['score'],
    });
    const [workspace, jobs] = await Promise.all([this.api.call('workspaceInfo'), this.api.call('jobs')]);
    // Events of the new workspace's jobs may have arrived meanwhile; they are the newer news.
    const seen = new Map(this.state.jobs.map((j) => [j.id, j]));
    this.set({ workspace, jobs: jobs.map((j) => seen.get(j.id) ?? j) });
    await this.refresh();
  }

  /** Reloads status and the map (after jobs); labels follow through syncLabels, the marked queue through loadQueued. */
  async refresh(): Promise<void> {
    try {
      // The map is only reloaded while it is shown; MapView reloads a stale one on mount.
      const withMap = this.state.view === 'map' || !this.state.map;
      this.mapStale = !withMap;
      const [status, map] = await Promise.all([
        this.api.call('status'),
        withMap ? this.api.call('mapData') : Promise.resolve(this.state.map),
      ]);
      if (map === this.state.map) return this.set({ status, error: null });
      // Details carry scores and ranks: a new score run makes the cached ones stale.
      if (map?.scoreRuns.join() !== this.state.map?.scoreRuns.join()) this.details.clear();
      const held = this.state.labels;
      this.set({ status, map, labels: map && labelColumnOf(map), error: null });
      // A label sync may have got further while this map was on its way.
      if (map && held && held.runId === map.runId && held.labelEvent > map.labelEvent) void this.syncLabels();
      if (this.state.view !== 'queue') void this.loadQueued();
    } catch (err) {
      this.set({ error: (err as Error).message });
    }
  }

  /** Brings the label column and the status counts up to date (label-sync.ts). */
  syncLabels(): Promise<void> {
    return this.labelSync.sync();
  }

  /** Asks the server for the queue's next objects, for the map to mark. */
  async loadQueued(): Promise<void> {
    const version = ++this.queuedVersion;
    // Without scores for the current embedding there is no queue (and no call to fail).
    const runs = this.state.status?.runs ?? [];
    const newest = (kind: string) =>
      runs.filter((r) => r.kind === kind).reduce((a, r) => (r.created > a ? r.created : a), '');
    const scored = newest('embedding') !== '' && newest('score') >= newest('embedding');
    try {
      const next = scored
        ? (await this.api.call('queue', { mode: 'discover', n: QUEUED_ON_MAP, filter: this.state.filter })).map(
            (hit) => hit.id,
          )
        : [];
      if (version === this.queuedVersion) this.set({ queued: next });
    } catch {
      if (version === this.queuedVersion) this.set({ queued: [] });
    }
  }

  /** The queue view's own next objects (its session's list), for the map to mark. */
  publishQueued(ids: number[]): void {
    this.queuedVersion++;
    this.set({ queued: ids });
  }

  /** A new filter for the map and the queue; the queue the map marks is re-ranked once the filter rests. */
  setFilter(filter: MapFilter): void {
    this.set({ filter });
    if (this.filterTimer) clearTimeout(this.filterTimer);
    this.filterTimer = setTimeout(() => void this.loadQueued(), 150);
  }
  private filterTimer: ReturnType<typeof setTimeout> | null = null;

  /** Reopens a saved view: its filter and colouring. */
  applyView(view: SavedView): void {
    const columns = view.filter.ranges.map((r) => r.column);
    const histogramColumns = [...new Set([...this.state.histogramColumns, ...columns])];
    this.set({ colourBy: view.colourBy, histogramColumns });
    this.setFilter(view.filter);
  }

  select(id: number | null): void {
    this.set({ selectedId: id });
  }

  objectDetails(id: number): Promise<ObjectDetails> {
    let pending = this.details.get(id);
    if (!pending) {
      pending = this.api.call('objectDetails', id);
      pending.catch(() => this.details.delete(id));
      this.details.set(id, pending);
    }
    return pending;
  }

  /** Labels objects by name, then refreshes what depends on labels. */
  async labelObjects(
    targets: { id: number; name: string }[],
    label: string,
    relevance: number | null = null,
    note: string | null = null,
  ): Promise<void> {
    if (targets.length === 1) await this.api.call('label', { name: targets[0].name, label, relevance, note });
    else await this.api.call('labelMany', { names: targets.map((t) => t.name), label, relevance, note });
    this.labelsChanged(targets.map((t) => t.id));
  }

  async clearLabel(target: { id: number; name: string }): Promise<void> {
    await this.api.call('clearLabel', target.name);
    this.labelsChanged([target.id]);
  }

  async undo(): Promise<void> {
    await this.api.call('undoLabel');
    this.details.clear();
    this.labelsChanged([]);
  }

  /**
   * After a label change: the inspector and gallery refetch, the map's label column is patched, and the queue the map
   * marks re-ranked.
   */
  labelsChanged(ids: number[]): void {
    for (const id of ids) this.details.delete(id);
    const { queued, labelsVersion, view } = this.state;
    // The queue never offers labelled objects: they leave the marked queue at once, before its re-ranking arrives.
    const gone = new Set(ids);
    this.set({
      labelsVersion: labelsVersion + 1,
      ...(queued && ids.length ? { queued: queued.filter((id) => !gone.has(id)) } : {}),
    });
    void this.syncLabels();
    // The queue view keeps (and publishes) its own list; elsewhere the labels re-rank it.
    if (view !== 'queue') void this.loadQueued();
  }

  /** The one-click pipeline of a fresh workspace: embedding, then ranking, then map (queued in order). */
  /** Embedding (default: features of the images), then anomaly ranking and map, as three queued jobs. */
  async computeAll(embed: EmbedRequest = {}): Promise<void> {
    await this.api.startJob('embed', embed);
    // Scores and map of the modality just embedded (a spectrum run does not replace the images' map).
    await this.api.startJob('rank', { modality: embed.modality });
    await this.api.startJob('map', { modality: embed.modality });
  }

  async cancelJob(id: string): Promise<void> {
    await this.api.call('cancelJob', id);
  }
}

let current: AppStore | null = null;

export function setAppStore(store: AppStore): void {
  current = store;
}

export function appStore(): AppStore {
  if (!current) throw new Error('the app store is not set up');
  return current;
}

/** Subscribes a component to one slice of the state. */
export function useAppState<T>(pick: (state: AppState) => T): T {
  const store = appStore();
  return useSyncExternalStore(store.subscribe, () => pick(store.get()));
}
