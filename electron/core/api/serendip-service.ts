// The implementation of the API contract over one open workspace.
import { join } from 'node:path';
import { Workspace } from '../workspace/workspace.js';
import { countObjects } from '../workspace/repositories/objects-repo.js';
import { countIngestErrors, listIngestErrors } from '../workspace/repositories/ingest-errors-repo.js';
import { countLabels } from '../workspace/repositories/labels-repo.js';
import { listRuns } from '../workspace/repositories/runs-repo.js';
import { ingestPaths } from '../ingest/ingest-files.js';
import { joinCatalog } from '../ingest/catalog-join.js';
import { generateDemoCollection } from '../demo/demo-collection.js';
import { clearObjectLabel, importLabelCsv, labelObject, undoLastLabel } from './label-service.js';
import {
  DemoRequest, IngestRequest, StatusResult,
  type CallOptions, type DemoResult, type IngestResult, type LabelRequest, type LabelResult, type SerendipApi,
} from './contract.js';

export const DEMO_DATA_FOLDER = 'demo-data';
export const DEMO_TRUTH_FILE = 'demo-truth.csv';

export class SerendipService implements SerendipApi {
  private constructor(readonly workspace: Workspace) {}

  static open(dir: string, options: { create?: boolean } = {}): SerendipService {
    return new SerendipService(Workspace.open(dir, options));
  }

  status(): StatusResult {
    const { db } = this.workspace;
    return StatusResult.parse({
      ...countObjects(db),
      errors: countIngestErrors(db),
      labels: countLabels(db),
      // Ingest passes are bookkeeping; `runs` lists the results a user can pick from.
      runs: listRuns(db)
        .filter((r) => r.kind !== 'ingest' && r.status === 'done')
        .map((r) => ({ id: r.id, kind: r.kind, method: r.method, created: r.created })),
    });
  }

  async ingest(request: IngestRequest, options: CallOptions = {}): Promise<IngestResult> {
    const r = IngestRequest.parse(request);
    const summary = await ingestPaths(this.workspace, r.paths, {
      inputSize: r.inputSize,
      crop: r.crop,
      concurrency: r.concurrency,
      signal: options.signal,
      onProgress: (p) => options.onProgress?.({ stage: 'ingest', done: p.done, total: p.total }),
    });
    const { done: _done, ...result } = summary;
    if (!r.catalog) return result;
    const catalog = await joinCatalog(this.workspace, r.catalog);
    return { ...result, catalog: { rows: catalog.rows, matched: catalog.matched, unmatched: catalog.unmatched, by: catalog.by, key: catalog.key, unmatchedExamples: catalog.unmatchedExamples } };
  }

  async demo(request: DemoRequest, options: CallOptions = {}): Promise<DemoResult> {
    const r = DemoRequest.parse(request);
    const dataDir = join(this.workspace.paths.root, DEMO_DATA_FOLDER);
    const truthPath = join(this.workspace.paths.root, DEMO_TRUTH_FILE);
    const generated = await generateDemoCollection(dataDir, truthPath, {
      objects: r.objects,
      seed: r.seed,
      signal: options.signal,
      onProgress: (done, total) => options.onProgress?.({ stage: 'generate', done, total }),
    });
    const ingest = await this.ingest({ paths: [dataDir] }, options);
    return { ...generated, truthPath, dataDir, ingest };
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

  undoLabel(): LabelResult | null {
    return undoLastLabel(this.workspace.db);
  }

  errors(limit = 1000): { path: string; reason: string; at: string }[] {
    return listIngestErrors(this.workspace.db, limit).map(({ path, reason, at }) => ({ path, reason, at }));
  }

  close(): void {
    this.workspace.close();
  }
}
