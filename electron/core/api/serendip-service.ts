// The implementation of the API contract over one open workspace. Mostly one-line delegations
// to the services that do the work (views, filters, labels, ingest, embed): every API method has
// its line here, which is why the file is long, and why no transport needs to know those services.
import type { RevealFolderRequest, SuggestWorkspaceRequest, SuggestedWorkspace } from './contract.js';
import { basename, join } from 'node:path';
import { Workspace } from '../workspace/workspace.js';
import { countObjects, describeObjects } from '../workspace/repositories/objects-repo.js';
import { countIngestErrors, listIngestErrors } from '../workspace/repositories/ingest-errors-repo.js';
import { countFilesWithWarnings, listIngestWarnings } from '../workspace/repositories/ingest-warnings-repo.js';
import { countLabels, countRatedOnly } from '../workspace/repositories/labels-repo.js';
import { latestDoneRun, listRuns } from '../workspace/repositories/runs-repo.js';
import { ingestCollection } from './ingest-service.js';
import { embedCollection, exportRunFitted, exportRunModel } from './embed-service.js';
import { rankAnomalies } from '../discovery/pipeline/rank-anomalies.js';
import { mapWithReference, rankWithForest } from '../discovery/fitted/apply-fitted.js';
import { buildMap } from '../discovery/pipeline/build-map.js';
import { topAnomalies } from '../discovery/pipeline/top-anomalies.js';
import { similarObjects } from '../discovery/pipeline/similar-objects.js';
import { explainObject } from '../discovery/explain/explain-object.js';
import type { Explanation } from './contract-explain.js';
import { anomalyFamilies } from '../discovery/explain/anomaly-families.js';
import type { AnomalyFamily } from './contract-families.js';
import { QueueSession } from '../discovery/pipeline/label-queue.js';
import { EmbeddingCache } from '../discovery/pipeline/embedding-cache.js';
import { ViewService } from './view-service.js';
import { MapFilterService } from './map-filter-service.js';
import type { MapNameMatches, SavedView, SaveViewRequest } from './contract-filters.js';
import { findObjects } from './object-search.js';
import type { ObjectMatch, ObjectSpectrum } from './view-types.js';
import { buildThumbnailAtlas, type ThumbnailAtlas } from './thumbnail-atlas.js';
import { objectPreviews } from './object-preview.js';
import type { ObjectPreview } from './contract-preview.js';
import { JobRunner } from '../jobs/job-runner.js';
import { jobOutcome } from '../jobs/job-outcome.js';
import { ApiRequestError, dispatch, isJobMethod, parseApiArgs } from './api-methods.js';
import { SerendipError } from './errors.js';
import type {
  JobInfo,
  LabelledObject,
  MapColumn,
  MapData,
  MapLabelChanges,
  ObjectDetails,
  ObjectPixels,
} from './view-types.js';
import { clearObjectLabel, importLabelCsv, labelManyObjects, labelObject, undoLastLabel } from './label-service.js';
import {
  ComputeDevicesRequest,
  DemoRequest,
  DeviceReport,
  EmbedRequest,
  ExportFittedRequest,
  ExportModelRequest,
  ExportRequest,
  ImportRequest,
  IngestRequest,
  MapRequest,
  QueueRequest,
  RankRequest,
  StatusResult,
  type ExportFittedResult,
  type ExportModelResult,
  type ImportResult,
  type IngestWarning,
  type CallOptions,
  type DemoResult,
  type EmbedResult,
  type IngestResult,
  type LabelManyRequest,
  type LabelRequest,
  type LabelResult,
  type UndoResult,
  type ObjectHit,
  type SerendipApi,
  type NewWorkspaceRequest,
  type OpenedWorkspace,
  type OpenWorkspaceRequest,
  type RecentWorkspaceInfo,
  type WorkspaceHost,
} from './contract.js';

export const DEMO_DATA_FOLDER = 'demo-data';
export const DEMO_TRUTH_FILE = 'demo-truth.csv';

export class SerendipService implements SerendipApi {
  private queueSession: { key: string; session: QueueSession } | null = null;
  /** Loaded embeddings and indexes, shared by the queue and `similar` so neither rereads them per call. */
  private readonly embeddings = new EmbeddingCache();
  private readonly views: ViewService;
  private readonly filters: MapFilterService;
  private workspaceHost: WorkspaceHost | null = null;
  /** Runs job methods one at a time; transports subscribe to its onDidChangeJob. */
  readonly jobRunner = new JobRunner();

  private constructor(
    readonly workspace: Workspace,
    private readonly interactive: boolean,
  ) {
    this.views = new ViewService(workspace);
    this.filters = new MapFilterService(workspace, this.views);
  }

  /**
   * `interactive`: the service answers a window (the app, browser mode), so label-dependent work
   * too long for one call (discover's relevance passes after a box selection) is spread over the
   * calls and the idle time between them. Otherwise (the CLI's one-shot commands) every answer is
   * complete when returned.
   */
  static open(dir: string, options: { create?: boolean; interactive?: boolean } = {}): SerendipService {
    return new SerendipService(Workspace.open(dir, { create: options.create }), options.interactive ?? false);
  }

  status(): StatusResult {
    const { db } = this.workspace;
    // Ingest passes are bookkeeping; `runs` lists the results a user can pick from.
    const runs = listRuns(db).filter((r) => r.kind !== 'ingest');
    return StatusResult.parse({
      ...countObjects(db),
      errors: countIngestErrors(db),
      warnings: countFilesWithWarnings(db),
      labels: countLabels(db),
      rated: countRatedOnly(db),
      runs: runs
        .filter((r) => r.status === 'done')
        .map((r) => ({ id: r.id, kind: r.kind, method: r.method, modality: r.modality, created: r.created })),
      unfinished: runs
        .filter((r) => r.status !== 'done')
        .map((r) => ({
          id: r.id,
          kind: r.kind,
          method: r.method,
          created: r.created,
          status: r.status,
          message: r.message,
        })),
    });
  }

  ingest(request: IngestRequest, options: CallOptions = {}): Promise<IngestResult> {
    return ingestCollection(this.workspace, request, options);
  }

  async demo(request: DemoRequest, options: CallOptions = {}): Promise<DemoResult> {
    const r = DemoRequest.parse(request);
    const dataDir = join(this.workspace.paths.root, DEMO_DATA_FOLDER);
    const truthPath = join(this.workspace.paths.root, DEMO_TRUTH_FILE);
    // The features a session may never use load when first asked for (start-up time).
    const { generateDemoCollection } = await import('../demo/demo-collection.js');
    const generated = await generateDemoCollection(dataDir, truthPath, {
      objects: r.objects,
      seed: r.seed,
      spectra: r.spectra,
      signal: options.signal,
      onProgress: (done, total) => options.onProgress?.({ stage: 'generate', done, total }),
    });
    const ingest = await this.ingest({ paths: [dataDir] }, options);
    return { ...generated, truthPath, dataDir, ingest };
  }

  embed(request: EmbedRequest, options: CallOptions = {}): Promise<EmbedResult> {
    return embedCollection(this.workspace, request, options);
  }

  /** A learned run's encoder as an ONNX file. */
  exportModel(request: ExportModelRequest, options: CallOptions = {}): Promise<ExportModelResult> {
    return exportRunModel(this.workspace, request, options);
  }

  exportFitted(request: ExportFittedRequest, options: CallOptions = {}): Promise<ExportFittedResult> {
    return exportRunFitted(this.workspace, request, options);
  }

  /** A file of vectors or scores made elsewhere; its module loads when first asked for (start-up time). */
  async importRun(request: ImportRequest, options: CallOptions = {}): Promise<ImportResult> {
    const r = ImportRequest.parse(request);
    const { importRun, parseImportMatch } = await import('../discovery/imports/import-run.js');
    return importRun(this.workspace, {
      ...r,
      match: parseImportMatch(r.match),
      signal: options.signal,
      onProgress: (done, total, stage) => options.onProgress?.({ stage: `import: ${stage}`, done, total }),
    });
  }

  async rank(
    request: RankRequest,
    options: CallOptions = {},
  ): Promise<{ runId: string; method: string; count: number }> {
    const r = RankRequest.parse(request);
    const { signal } = options;
    const onProgress = (done: number, total: number, stage: string) =>
      options.onProgress?.({ stage: `rank ${stage}`, done, total });
    if (r.forest === undefined) {
      const { method, seed, modality } = r;
      const result = await rankAnomalies(this.workspace, { method, seed, modality, signal, onProgress });
      return { runId: result.runId, method: result.method, count: result.count };
    }
    if (r.method !== 'iforest')
      throw new SerendipError('bad-request', `--forest scores with a fitted forest; leave out --method ${r.method}`);
    const result = await rankWithForest(this.workspace, { forestFile: r.forest, signal, onProgress });
    return { runId: result.runId, method: 'iforest', count: result.count };
  }

  async map(request: MapRequest = {}, options: CallOptions = {}): Promise<{ runId: string; count: number }> {
    const { reference, modality } = MapRequest.parse(request);
    const common = {
      modality,
      signal: options.signal,
      onProgress: (done: number, total: number, stage: string) =>
        options.onProgress?.({ stage: `map ${stage}`, done, total }),
    };
    const result = reference
      ? await mapWithReference(this.workspace, { ...common, referenceFile: reference })
      : await buildMap(this.workspace, common);
    return { runId: result.runId, count: result.count };
  }

  top(n = 20): ObjectHit[] {
    return this.hits(topAnomalies(this.workspace, n));
  }

  queue(request: QueueRequest): ObjectHit[] {
    const r = QueueRequest.parse(request);
    const session = this.session();
    return this.hits(this.filters.filtered(r.filter, r.n, (n) => session.next(this.workspace, r.mode, n, r.label)));
  }

  /** The queue's session, reopened only when a newer embedding or score run appears. */
  private session(): QueueSession {
    const db = this.workspace.db;
    const key = `${latestDoneRun(db, 'embedding')?.id}/${latestDoneRun(db, 'score')?.id}`;
    if (this.queueSession?.key !== key) {
      const discover = this.interactive ? undefined : { relevanceWorkPerCall: Infinity };
      this.queueSession = { key, session: QueueSession.open(this.workspace, this.embeddings, { discover }) };
    }
    return this.queueSession.session;
  }

  similar(names: string[], k = 10): ObjectHit[] {
    return this.hits(
      similarObjects(this.workspace, names, k, undefined, this.embeddings).map((n) => ({
        id: n.id,
        score: n.distance,
        distance: n.distance,
      })),
    );
  }

  explain(name: string, k?: number): Promise<Explanation> {
    return explainObject(this.workspace, name, this.embeddings, k);
  }

  families(n?: number, modality?: string): AnomalyFamily[] {
    return anomalyFamilies(this.workspace, this.embeddings, n, modality);
  }

  async exportCollection(
    request: ExportRequest,
    options: CallOptions = {},
  ): Promise<{ outDir: string; rows: number; files: string[] }> {
    const r = ExportRequest.parse(request);
    const { exportCollection } = await import('../export/export-collection.js');
    return exportCollection(this.workspace, r.out, {
      formats: r.formats,
      labelledOnly: r.labelledOnly,
      withFiles: r.withFiles,
      withEmbeddings: r.withEmbeddings,
      signal: options.signal,
      onProgress: (done, total) => options.onProgress?.({ stage: 'export files', done, total }),
    });
  }

  private hits<T extends { id: number; score: number }>(rows: T[]): (ObjectHit & Omit<T, 'id' | 'score'>)[] {
    const described = describeObjects(
      this.workspace.db,
      rows.map((r) => r.id),
    );
    return rows.map((r) => {
      const d = described.get(r.id);
      return { ...r, name: d?.name ?? String(r.id), path: d?.path ?? '', thumb: d?.thumb ?? null };
    });
  }

  label(request: LabelRequest): LabelResult {
    return labelObject(this.workspace.db, request);
  }

  clearLabel(name: string): LabelResult {
    return clearObjectLabel(this.workspace.db, name);
  }

  labelFromCsv(path: string): Promise<{ labelled: number }> {
    return importLabelCsv(this.workspace.db, path);
  }

  undoLabel(): UndoResult | null {
    return undoLastLabel(this.workspace.db);
  }

  errors(limit = 1000): { path: string; reason: string; at: string }[] {
    return listIngestErrors(this.workspace.db, limit).map(({ path, reason, at }) => ({ path, reason, at }));
  }

  /** Warnings of files that were ingested all the same (CLI `status --errors`). */
  warnings(limit = 1000): IngestWarning[] {
    return listIngestWarnings(this.workspace.db, limit).map(({ path, message, at }) => ({ path, message, at }));
  }

  labelMany(request: LabelManyRequest): { labelled: number } {
    return labelManyObjects(this.workspace.db, request);
  }

  workspaceInfo(): { root: string; name: string } {
    const root = this.workspace.paths.root;
    return { root, name: basename(root) };
  }

  mapData(): MapData {
    return this.views.mapData();
  }

  mapLabelChanges(since: number): MapLabelChanges {
    return this.views.mapLabelChanges(since);
  }

  mapColumn(key: string): MapColumn {
    return this.views.mapColumn(key);
  }

  mapNameMatches(text: string): MapNameMatches {
    return this.filters.nameMatches(text);
  }

  savedViews(): SavedView[] {
    return this.filters.savedViews();
  }

  saveView(request: SaveViewRequest): SavedView {
    return this.filters.saveView(request);
  }

  deleteView(name: string): { deleted: boolean } {
    return this.filters.deleteView(name);
  }

  objectDetails(id: number): ObjectDetails {
    return this.views.objectDetails(id);
  }

  thumbnailAtlas(ids: number[]): Promise<ThumbnailAtlas> {
    return buildThumbnailAtlas(this.workspace, ids);
  }

  objectPixels(id: number): Promise<ObjectPixels> {
    return this.views.objectPixels(id);
  }

  objectPreviews(ids: number[]): Promise<ObjectPreview[]> {
    return objectPreviews(this.workspace, ids);
  }

  objectSpectrum(id: number): Promise<ObjectSpectrum> {
    return this.views.objectSpectrum(id);
  }

  findObjects(text: string, limit = 20): ObjectMatch[] {
    return findObjects(this.workspace.db, text, limit);
  }

  labelled(label?: string): LabelledObject[] {
    return this.views.labelled(label);
  }

  labelCounts(): { label: string; count: number }[] {
    return this.views.labelCounts();
  }

  startJob(method: string, args: unknown[]): { jobId: string } {
    if (!isJobMethod(method)) throw new ApiRequestError(`"${method}" is not a job method`);
    const values = parseApiArgs(method, args);
    const work = (options: Required<CallOptions>) => dispatch(this, method, values, options);
    return { jobId: this.jobRunner.start(method, work, (result) => jobOutcome(method, result)) };
  }

  jobs(): JobInfo[] {
    return this.jobRunner.list();
  }

  cancelJob(id: string): { cancelled: boolean } {
    return { cancelled: this.jobRunner.cancel(id) };
  }

  /** Lets the shell that owns this service answer the workspace-switching methods. */
  attachWorkspaceHost(host: WorkspaceHost): void {
    this.workspaceHost = host;
  }

  private host(): WorkspaceHost {
    if (!this.workspaceHost) {
      const why = 'switching workspaces is not available here; open another workspace from the app';
      throw new SerendipError('unsupported', why);
    }
    return this.workspaceHost;
  }

  recentWorkspaces(): RecentWorkspaceInfo[] {
    return this.host().recentWorkspaces();
  }

  openWorkspace(request: OpenWorkspaceRequest): Promise<OpenedWorkspace> {
    return this.host().openWorkspace(request);
  }

  createWorkspaceFromFolder(request: NewWorkspaceRequest): Promise<OpenedWorkspace> {
    return this.host().createWorkspaceFromFolder(request);
  }

  openDemo(): Promise<OpenedWorkspace> {
    return this.host().openDemo();
  }

  suggestWorkspaceLocation(request: SuggestWorkspaceRequest): SuggestedWorkspace {
    return this.host().suggestWorkspaceLocation(request);
  }

  revealFolder(request: RevealFolderRequest): { shown: string } {
    return this.host().revealFolder(request);
  }

  /** The device report (`serendip doctor`); it needs no workspace, and loads its checks when first asked. */
  async computeDevices(request: ComputeDevicesRequest, options: CallOptions = {}): Promise<DeviceReport> {
    const r = ComputeDevicesRequest.parse(request);
    const { checkComputeDevices } = await import('../compute/compute-devices.js');
    const report = await checkComputeDevices({
      probe: r.probe,
      signal: options.signal,
      onProgress: options.onProgress,
    });
    return DeviceReport.parse(report);
  }

  close(): void {
    this.workspace.close();
  }
}
