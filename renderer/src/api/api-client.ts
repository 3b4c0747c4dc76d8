// A typed face over a Transport: method names and argument/result types come from the
// API contract (type-only import), so a renamed method fails to compile here.
import type { JobMethod, SerendipApi } from '../../../electron/core/api/contract.js';
import type { JobEvent } from '../../../electron/core/api/view-types.js';
import type { Transport } from './transport.js';

type Method = Exclude<keyof SerendipApi, 'close'>;
type Args<M extends Method> = SerendipApi[M] extends (...args: infer A) => unknown ? A : never;
type Result<M extends Method> = SerendipApi[M] extends (...args: never[]) => infer R ? Awaited<R> : never;
export type { JobMethod };

export class ApiClient {
  constructor(readonly transport: Transport) {}

  call<M extends Exclude<Method, JobMethod>>(method: M, ...args: Args<M>): Promise<Result<M>> {
    return this.transport.call(method, args) as Promise<Result<M>>;
  }

  /** `call` that can be withdrawn: aborting `signal` rejects it with the signal's reason (an AbortError by default). */
  callAbortable<M extends Exclude<Method, JobMethod>>(
    signal: AbortSignal,
    method: M,
    ...args: Args<M>
  ): Promise<Result<M>> {
    return this.transport.call(method, args, { signal }) as Promise<Result<M>>;
  }

  /** Starts a job method; resolves to its id at once (progress arrives through onJobEvent). */
  async startJob<M extends JobMethod>(method: M, ...args: Args<M>): Promise<string> {
    const { jobId } = (await this.transport.call(
      method,
      args.filter((a) => a !== undefined),
    )) as { jobId: string };
    return jobId;
  }

  onJobEvent(listener: (event: JobEvent) => void): () => void {
    return this.transport.onJobEvent(listener);
  }

  fileUrl(relativePath: string): string {
    return this.transport.fileUrl(relativePath);
  }
}
