// The messages of one model task run by a page (the desktop app's hidden GPU window), over one
// MessageChannel per task. The host (the main process, model-task-host.ts) owns the workspace;
// the page's Worker (model-job-server.ts) owns the GPU:
//   host → page   run        the task (once, first)
//   page → host   read-rows  "send me these rows" (a request id)
//   host → page   rows       the rows' float16 bits, answering one request
//   page → host   event      a ModelTaskEvent, as a Node worker would emit it
//   page → host   done | failed (its one-line message) | unavailable (no backend: why each was passed over)
//   host → page   cancel     the page terminates its Worker and answers `cancelled`
// Or, instead of a task (Settings' device check):
//   host → page   probe      which backend would `auto` take here?
//   page → host   probed     the backend it took (null: none) and why each better one was passed over
// Typed arrays travel inside the messages; each side moves (transfers) the buffers it owns.
import type { SelectedBackend, SkippedBackend } from '../../../../../native-models/backends/backend-interface.js';
import type { ModelTask, ModelTaskEvent } from './model-job.js';

/** What the page posts to its own window to hand over a task's port (the app's preload, or a test). */
export const MODEL_TASK_PORT_MESSAGE = 'serendip:model-task-port';

export type HostMessage =
  | { type: 'run'; task: ModelTask }
  | { type: 'rows'; id: number; halves: Uint16Array }
  | { type: 'cancel' }
  | { type: 'probe' };

/** What a page would train with: the backend `auto` takes there (null: none), and why better ones were passed over. */
export interface PageProbe {
  selected: Pick<SelectedBackend, 'name' | 'device' | 'hardwareGpu'> | null;
  skipped: SkippedBackend[];
}

export type PageMessage =
  | { type: 'read-rows'; id: number; rows: Int32Array }
  | { type: 'event'; event: ModelTaskEvent }
  | { type: 'done' }
  | { type: 'failed'; message: string }
  | { type: 'unavailable'; skipped: SkippedBackend[] }
  | { type: 'cancelled' }
  | ({ type: 'probed' } & PageProbe);

/** One end of a message channel, whatever carries it (a MessagePort, a Worker, Electron's MessagePortMain, a test). */
export interface MessageEndpoint<Out, In> {
  /** `transfer`: buffers of `message` to move rather than copy (a carrier across processes may copy anyway). */
  post(message: Out, transfer: ArrayBuffer[]): void;
  onMessage(listener: (message: In) => void): void;
  close(): void;
}

/** The page's last word on a task: after it, the channel closes. */
export function isFinal(message: PageMessage): boolean {
  return message.type !== 'read-rows' && message.type !== 'event';
}

function unique(buffers: ArrayBufferLike[]): ArrayBuffer[] {
  return [...new Set(buffers)].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer && b.byteLength > 0);
}

/** The buffers an event owns outright (fresh from the job), to move rather than copy. */
export function eventTransferables(event: ModelTaskEvent): ArrayBuffer[] {
  switch (event.type) {
    case 'encoded':
      return unique(
        [event.vectors, event.reconstructionError, event.viewDistance].flatMap((a) => (a ? [a.buffer] : [])),
      );
    case 'checkpoint':
      return unique([event.checkpoint.data.buffer]);
    case 'trained':
      return unique([event.networks.encoder.weights.buffer, event.networks.head.weights.buffer]);
    default:
      return [];
  }
}

/** The buffers of a page message, for whoever holds it to move on. */
export function pageTransferables(message: PageMessage): ArrayBuffer[] {
  if (message.type === 'read-rows') return unique([message.rows.buffer]);
  if (message.type === 'event') return eventTransferables(message.event);
  return [];
}

/**
 * The buffers of a host message, for the page to move on to its Worker. The host itself moves
 * only the rows it read for the page: a task's checkpoint and networks still belong to its caller.
 */
export function hostTransferables(message: HostMessage): ArrayBuffer[] {
  if (message.type === 'rows') return unique([message.halves.buffer]);
  if (message.type !== 'run') return [];
  const { task } = message;
  const buffers: ArrayBufferLike[] = [task.inputs.rows.buffer];
  if (task.type === 'train' && task.resumeFrom) buffers.push(task.resumeFrom.data.buffer);
  if (task.type === 'encode') buffers.push(task.networks.encoder.weights.buffer, task.networks.head.weights.buffer);
  return unique(buffers);
}

const PAGE_MESSAGE_TYPES = new Set<string>([
  'read-rows',
  'event',
  'done',
  'failed',
  'unavailable',
  'cancelled',
  'probed',
]);

/** A page message of the right shape (the host checks what crosses from the page before acting on it). */
export function isPageMessage(value: unknown): value is PageMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as { type?: unknown; id?: unknown; rows?: unknown; event?: unknown; message?: unknown };
  if (typeof message.type !== 'string' || !PAGE_MESSAGE_TYPES.has(message.type)) return false;
  switch (message.type) {
    case 'read-rows':
      return Number.isInteger(message.id) && message.rows instanceof Int32Array;
    case 'event':
      return typeof message.event === 'object' && message.event !== null;
    case 'failed':
      return typeof message.message === 'string';
    case 'unavailable':
    case 'probed':
      return Array.isArray((value as { skipped?: unknown }).skipped);
    default:
      return true;
  }
}
