// The worker side of the worker pool (worker-pool.ts), and what both sides share. A worker
// entry module is one line, `serveTasks(createXService())`; the pool's in-process mode calls
// the same `createXService()` on the calling thread, so both modes run the same code.
import { parentPort, type TransferListItem } from 'node:worker_threads';
import { onFirstUse } from './heavy-packages.js';

export interface TaskContext<Event> {
  /** Sends an event (progress, a chunk, a checkpoint) to the run's `onEvent`; `transfer` moves buffers. */
  emit(event: Event, transfer?: TransferListItem[]): void;
  /** True once the run was cancelled. Only the in-process mode sees it: a worker is terminated instead. */
  readonly cancelled: boolean;
}

/** What a thread does with the tasks it is sent; one service per thread, so it may keep state. */
export interface TaskService<Task, Result, Event = never> {
  perform(task: Task, context: TaskContext<Event>): Result | Promise<Result>;
  /** Buffers of a result to move rather than copy back to the caller. */
  transferOf?(result: Result): TransferListItem[];
}

/**
 * A service whose module loads on its first task, for an in-process mode whose code is heavy
 * (the learned models load tfjs): the worker entry imports it as usual.
 */
export function serviceOnFirstTask<Task, Result, Event>(
  load: () => Promise<TaskService<Task, Result, Event>>,
): TaskService<Task, Result, Event> {
  const service = onFirstUse(load);
  return {
    async perform(task, context) {
      return (await service()).perform(task, context);
    },
  };
}

export interface TaskRequest<Task> {
  id: number;
  task: Task;
}

export type TaskReply<Result, Event> =
  | { id: number; event: Event }
  | { id: number; result: Result }
  | { id: number; error: { message: string; stack?: string } };

/** Makes this worker thread answer the pool's tasks with `service`. */
export function serveTasks<Task, Result, Event>(service: TaskService<Task, Result, Event>): void {
  const port = parentPort;
  if (!port) throw new Error('a worker entry module must run in a worker thread');
  port.on('message', ({ id, task }: TaskRequest<Task>) => {
    const post = (reply: TaskReply<Result, Event>, transfer: readonly TransferListItem[] = []): void =>
      port.postMessage(reply, transfer);
    const context: TaskContext<Event> = { emit: (event, transfer) => post({ id, event }, transfer), cancelled: false };
    // Synchronous services answer in the same turn; async ones (a file's chunks) interleave.
    void (async () => {
      try {
        const result = await service.perform(task, context);
        post({ id, result }, service.transferOf?.(result) ?? []);
      } catch (err) {
        const error =
          err instanceof Error ? { message: err.message || String(err), stack: err.stack } : { message: String(err) };
        post({ id, error });
      }
    })();
  });
}
