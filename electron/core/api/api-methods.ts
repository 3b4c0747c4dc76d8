// The API as data: every method's argument schema; whether it is a long job (progress,
// cancel) comes from the contract's JOB_METHODS. Electron IPC, browser mode and any other
// transport validate and call through `dispatch`, so none of them keeps its own list of methods.
import { RevealFolderRequest, SuggestWorkspaceRequest } from './contract-workspaces.js';
import { z } from 'zod';
import {
  ComputeDevicesRequest,
  DemoRequest,
  EmbedRequest,
  ExportFittedRequest,
  ExportModelRequest,
  ExportRequest,
  ImportRequest,
  IngestRequest,
  JOB_METHODS,
  LabelManyRequest,
  LabelRequest,
  MapRequest,
  NewWorkspaceRequest,
  OpenWorkspaceRequest,
  QueueRequest,
  RankRequest,
  type CallOptions,
  type JobMethod,
  type SerendipApi,
} from './contract.js';
import { SerendipError } from './errors.js';
import { SaveViewRequest } from './contract-filters.js';
import { EXPLAIN_ARGS } from './contract-explain.js';
import { FAMILIES_ARGS } from './contract-families.js';

const name = z.string().min(1).max(10_000);
const objectId = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

interface MethodSpec {
  /** Positional arguments, validated before the call; a malformed request is refused whole. */
  args: z.ZodTypeAny;
}

export const API_METHODS = {
  status: { args: z.tuple([]) },
  errors: { args: z.tuple([z.number().int().min(1).max(100_000).optional()]) },
  warnings: { args: z.tuple([z.number().int().min(1).max(100_000).optional()]) },
  demo: { args: z.tuple([DemoRequest]) },
  ingest: { args: z.tuple([IngestRequest]) },
  embed: { args: z.tuple([EmbedRequest]) },
  rank: { args: z.tuple([RankRequest]) },
  map: { args: z.tuple([MapRequest.default({})]) },
  exportCollection: { args: z.tuple([ExportRequest]) },
  exportModel: { args: z.tuple([ExportModelRequest]) },
  exportFitted: { args: z.tuple([ExportFittedRequest]) },
  importRun: { args: z.tuple([ImportRequest]) },
  top: { args: z.tuple([z.number().int().min(1).max(10_000_000).optional()]) },
  queue: { args: z.tuple([QueueRequest]) },
  similar: { args: z.tuple([z.array(name).min(1).max(10_000), z.number().int().min(1).max(10_000).optional()]) },
  explain: { args: EXPLAIN_ARGS },
  families: { args: FAMILIES_ARGS },
  label: { args: z.tuple([LabelRequest]) },
  clearLabel: { args: z.tuple([name]) },
  labelFromCsv: { args: z.tuple([name]) },
  undoLabel: { args: z.tuple([]) },
  labelMany: { args: z.tuple([LabelManyRequest]) },
  workspaceInfo: { args: z.tuple([]) },
  mapData: { args: z.tuple([]) },
  mapLabelChanges: { args: z.tuple([z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)]) },
  mapColumn: { args: z.tuple([name]) },
  mapNameMatches: { args: z.tuple([z.string().max(1000)]) },
  savedViews: { args: z.tuple([]) },
  saveView: { args: z.tuple([SaveViewRequest]) },
  deleteView: { args: z.tuple([name]) },
  objectDetails: { args: z.tuple([objectId]) },
  objectPixels: { args: z.tuple([objectId]) },
  objectPreviews: { args: z.tuple([z.array(objectId).min(1).max(64)]) },
  objectSpectrum: { args: z.tuple([objectId]) },
  findObjects: { args: z.tuple([z.string().max(1000), z.number().int().min(1).max(1000).optional()]) },
  thumbnailAtlas: { args: z.tuple([z.array(objectId).min(1).max(64)]) },
  labelled: { args: z.tuple([z.string().min(1).max(100).optional()]) },
  labelCounts: { args: z.tuple([]) },
  startJob: { args: z.tuple([name, z.array(z.unknown()).max(16)]) },
  jobs: { args: z.tuple([]) },
  cancelJob: { args: z.tuple([name]) },
  // Not jobs: they resolve once the other workspace is open, with the ids of the jobs it queued.
  recentWorkspaces: { args: z.tuple([]) },
  openWorkspace: { args: z.tuple([OpenWorkspaceRequest]) },
  createWorkspaceFromFolder: { args: z.tuple([NewWorkspaceRequest]) },
  openDemo: { args: z.tuple([]) },
  suggestWorkspaceLocation: { args: z.tuple([SuggestWorkspaceRequest]) },
  revealFolder: { args: z.tuple([RevealFolderRequest]) },
  computeDevices: { args: z.tuple([ComputeDevicesRequest]) },
} as const satisfies Record<string, MethodSpec>;

export type ApiMethodName = keyof typeof API_METHODS;

// A method added to SerendipApi but not listed above (or listed but missing) fails to compile.
type Callable = Exclude<keyof SerendipApi, 'close'>;
const everyMethodListed: Record<Callable, unknown> = API_METHODS;
const nothingExtraListed: Record<ApiMethodName, unknown> = {} as Record<Callable, unknown>;
// A job method that is not an API method fails to compile too.
const jobsAreMethods: readonly ApiMethodName[] = JOB_METHODS;
void everyMethodListed;
void nothingExtraListed;
void jobsAreMethods;

/** A call refused before it ran: unknown method, malformed arguments, a request that cannot be met. */
export class ApiRequestError extends SerendipError {
  override name = 'ApiRequestError';
  constructor(message: string) {
    super('bad-request', message);
  }
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
export async function dispatch(
  api: SerendipApi,
  method: string,
  args: unknown,
  options: CallOptions = {},
): Promise<unknown> {
  if (!isApiMethod(method)) throw new ApiRequestError(`unknown method "${method}"`);
  const spec = API_METHODS[method];
  const parsed = spec.args.safeParse(argumentList(method, args));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiRequestError(
      `invalid arguments for ${method}: ${issue.path.join('.') || 'arguments'}: ${issue.message}`,
    );
  }
  const values = parsed.data as unknown[];
  const call = (api[method] as (...a: unknown[]) => unknown).bind(api);
  return isJobMethod(method) ? call(...values, options) : call(...values);
}

/** Validates `args` for `method` without calling it (a job is refused before it is queued). */
export function parseApiArgs(method: string, args: unknown): unknown[] {
  if (!isApiMethod(method)) throw new ApiRequestError(`unknown method "${method}"`);
  const parsed = API_METHODS[method].args.safeParse(argumentList(method, args));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiRequestError(
      `invalid arguments for ${method}: ${issue.path.join('.') || 'arguments'}: ${issue.message}`,
    );
  }
  return parsed.data as unknown[];
}

export function isJobMethod(method: string): method is JobMethod {
  return (JOB_METHODS as readonly string[]).includes(method);
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
