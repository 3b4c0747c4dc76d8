// The API contract: request and result shapes with runtime schemas. The CLI, Electron IPC
// and browser mode all validate against these and call the one implementation in
// serendip-service.ts, so a feature is written once.
import { z } from 'zod';

export const DemoRequest = z.object({
  objects: z.number().int().min(1).max(1_000_000).default(2000),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
});
export type DemoRequest = z.input<typeof DemoRequest>;

export const IngestRequest = z.object({
  paths: z.array(z.string().min(1)).min(1),
  catalog: z.string().min(1).optional(),
  inputSize: z.number().int().min(8).max(512).default(64),
  crop: z.number().gt(0).max(1).default(1),
  concurrency: z.number().int().min(1).max(64).default(8),
});
export type IngestRequest = z.input<typeof IngestRequest>;

export const LabelRequest = z.object({
  name: z.string().min(1),
  label: z.string().trim().min(1).max(100),
  relevance: z.number().int().min(0).max(5).nullable().default(null),
  note: z.string().max(10_000).nullable().default(null),
});
export type LabelRequest = z.input<typeof LabelRequest>;

export interface LabelResult {
  name: string;
  label: string | null;
  relevance: number | null;
  note: string | null;
}

export const RunSummary = z.object({ id: z.string(), kind: z.string(), method: z.string(), created: z.string() });

export const StatusResult = z.object({
  objects: z.number(),
  images: z.number(),
  spectra: z.number(),
  errors: z.number(),
  labels: z.number(),
  runs: z.array(RunSummary),
});
export type StatusResult = z.infer<typeof StatusResult>;

export interface CatalogJoinResult {
  rows: number;
  matched: number;
  unmatched: number;
  by: 'name' | 'position';
  key: string;
  unmatchedExamples: string[];
}

export interface IngestResult {
  added: number;
  updated: number;
  skipped: number;
  failed: number;
  ignored: number;
  total: number;
  errors: { path: string; reason: string }[];
  catalog?: CatalogJoinResult;
  runId: string;
}

export interface DemoResult {
  files: number;
  anomalies: number;
  truthPath: string;
  dataDir: string;
  ingest: IngestResult;
}

export interface Progress {
  stage: string;
  done: number;
  total: number;
}

export interface CallOptions {
  onProgress?: (progress: Progress) => void;
  signal?: AbortSignal;
}

/** What every transport exposes. Methods are added here only when they really work. */
export interface SerendipApi {
  status(): StatusResult;
  ingest(request: IngestRequest, options?: CallOptions): Promise<IngestResult>;
  demo(request: DemoRequest, options?: CallOptions): Promise<DemoResult>;
  label(request: LabelRequest): LabelResult;
  clearLabel(name: string): LabelResult;
  /** Imports a `name,label[,relevance][,note]` CSV: all rows land, or none (with why). */
  labelFromCsv(path: string): Promise<{ labelled: number }>;
  undoLabel(): LabelResult | null;
  errors(limit?: number): { path: string; reason: string; at: string }[];
  close(): void;
}
