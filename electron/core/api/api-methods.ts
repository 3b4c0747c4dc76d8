// The API as data: every method's argument schema and whether it is a long job (progress,
// cancel). Electron IPC, browser mode and any other transport validate and call through
// `dispatch`, so none of them keeps its own list of methods.
import { z } from 'zod';
import {
  DemoRequest, EmbedRequest, ExportRequest, IngestRequest, LabelRequest, QueueRequest, RankRequest,
  type CallOptions, type SerendipApi,
} from './contract.js';

const name = z.string().min(1).max(10_000);

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

/** Validates `args` for `method` and calls it; jobs get the progress/cancel options. */
export async function dispatch(api: SerendipApi, method: string, args: unknown, options: CallOptions = {}): Promise<unknown> {
  if (!isApiMethod(method)) throw new ApiRequestError(`unknown method "${method}"`);
  const spec = API_METHODS[method];
  const parsed = spec.args.safeParse(Array.isArray(args) ? args : []);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiRequestError(`invalid arguments for ${method}: ${issue.path.join('.') || 'arguments'}: ${issue.message}`);
  }
  const values = parsed.data as unknown[];
  const call = (api[method] as (...a: unknown[]) => unknown).bind(api);
  return spec.job ? call(...values, options) : call(...values);
}
