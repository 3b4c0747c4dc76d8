// The API as data: every method's argument schema and whether it is a long job (progress,
// cancel). Electron IPC, browser mode and any other transport validate and call through
// `dispatch`, so none of them keeps its own list of methods.
import { z } from 'zod';
import {
  DemoRequest, EmbedRequest, ExportRequest, IngestRequest, LabelManyRequest, LabelRequest, NewWorkspaceRequest, OpenWorkspaceRequest,
  QueueRequest, RankRequest,
  type CallOptions, type SerendipApi,
} from './contract.js';

const name = z.string().min(1).max(10_000);
const objectId = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

interface MethodSpec {
  /** Positional arguments, validated before the call; a malformed request is refused whole. */
  args: z.ZodTypeAny;
  /** Long work: transports run it as a job with progress events and cancel. */
  job: boolean;
}

export const API_METHODS = {
  status: { args: z.tuple([]), job: false },
  errors: { args: z.tuple([z.number().int().min(1).max(100_000).optional()]), job: false },
  demo: { args: z.tuple([DemoRequest]), job: true },
  ingest: { args: z.tuple([IngestRequest]), job: true },
  embed: { args: z.tuple([EmbedRequest]), job: true },
  rank: { args: z.tuple([RankRequest]), job: true },
  map: { args: z.tuple([]), job: true },
  exportCollection: { args: z.tuple([ExportRequest]), job: true },
  top: { args: z.tuple([z.number().int().min(1).max(10_000_000).optional()]), job: false },
  queue: { args: z.tuple([QueueRequest]), job: false },
  similar: { args: z.tuple([z.array(name).min(1).max(10_000), z.number().int().min(1).max(10_000).optional()]), job: false },
  label: { args: z.tuple([LabelRequest]), job: false },
  clearLabel: { args: z.tuple([name]), job: false },
  labelFromCsv: { args: z.tuple([name]), job: false },
  undoLabel: { args: z.tuple([]), job: false },
  labelMany: { args: z.tuple([LabelManyRequest]), job: false },
  workspaceInfo: { args: z.tuple([]), job: false },
  mapData: { args: z.tuple([]), job: false },
  mapLabelChanges: { args: z.tuple([z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)]), job: false },
  mapColumn: { args: z.tuple([name]), job: false },
  objectDetails: { args: z.tuple([objectId]), job: false },
  objectPixels: { args: z.tuple([objectId]), job: false },
  objectSpectrum: { args: z.tuple([objectId]), job: false },
  findObjects: { args: z.tuple([z.string().max(1000), z.number().int().min(1).max(1000).optional()]), job: false },
  thumbnailAtlas: { args: z.tuple([z.array(objectId).min(1).max(64)]), job: false },
  labelled: { args: z.tuple([z.string().min(1).max(100).optional()]), job: false },
  labelCounts: { args: z.tuple([]), job: false },
  startJob: { args: z.tuple([name, z.array(z.unknown()).max(16)]), job: false },
  jobs: { args: z.tuple([]), job: false },
  cancelJob: { args: z.tuple([name]), job: false },
  // Not jobs: they resolve once the other workspace is open, with the ids of the jobs it queued.
  recentWorkspaces: { args: z.tuple([]), job: false },
  openWorkspace: { args: z.tuple([OpenWorkspaceRequest]), job: false },
  createWorkspaceFromFolder: { args: z.tuple([NewWorkspaceRequest]), job: false },
  openDemo: { args: z.tuple([]), job: false },
} as const satisfies Record<string, MethodSpec>;

export type ApiMethodName = keyof typeof API_METHODS;

// A method added to SerendipApi but not listed above (or listed but missing) fails to compile.
type Callable = Exclude<keyof SerendipApi, 'close'>;
const everyMethodListed: Record<Callable, unknown> = API_METHODS;
const nothingExtraListed: Record<ApiMethodName, unknown> = {} as Record<Callable, unknown>;
void everyMethodListed;
void nothingExtraListed;

export class ApiRequestError extends Error {
  override name = 'ApiRequestError';
}

export function isApiMethod(method: string): method is ApiMethodName {
  return Object.prototype.hasOwnProperty.call(API_METHODS, method);
}

/** A call's arguments are a list (or absent: none); anything else is refused, not read as none. */
function argumentList(method: string, args: unknown): unknown[] {
  if (args === undefined || args === null) return [];
  if (!Array.isArray(args)) throw new ApiRequestError(`invalid arguments for ${method}: arguments must be a list`);
  return args;
}

/** Validates `args` for `method` and calls it; jobs get the progress/cancel options. */
export async function dispatch(api: SerendipApi, method: string, args: unknown, options: CallOptions = {}): Promise<unknown> {
  if (!isApiMethod(method)) throw new ApiRequestError(`unknown method "${method}"`);
  const spec = API_METHODS[method];
  const parsed = spec.args.safeParse(argumentList(method, args));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiRequestError(`invalid arguments for ${method}: ${issue.path.join('.') || 'arguments'}: ${issue.message}`);
  }
  const values = parsed.data as unknown[];
  const call = (api[method] as (...a: unknown[]) => unknown).bind(api);
  return spec.job ? call(...values, options) : call(...values);
}

/** Validates `args` for `method` without calling it (a job is refused before it is queued). */
export function parseApiArgs(method: string, args: unknown): unknown[] {
  if (!isApiMethod(method)) throw new ApiRequestError(`unknown method "${method}"`);
  const parsed = API_METHODS[method].args.safeParse(argumentList(method, args));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiRequestError(`invalid arguments for ${method}: ${issue.path.join('.') || 'arguments'}: ${issue.message}`);
  }
  return parsed.data as unknown[];
}

export function isJobMethod(method: string): boolean {
  return isApiMethod(method) && API_METHODS[method].job;
}

/**
 * What the app's transports (Electron IPC, browser mode) call: a job method starts a job
 * and resolves to `{ jobId }` at once (progress arrives as job events); any other method
 * is dispatched and resolves to its result.
 */
export async function dispatchFromTransport(api: SerendipApi, method: string, args: unknown): Promise<unknown> {
  if (isJobMethod(method)) return api.startJob(method, argumentList(method, args));
  return dispatch(api, method, args);
}
