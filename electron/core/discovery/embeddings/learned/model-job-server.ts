// The page's half of a model task, run inside a dedicated Worker of the GPU window: it waits for
// the task, selects a backend among the page's candidates, runs the job (model-job.ts) with each
// batch fetched from the host, and posts every event, then its last word (model-job-protocol.ts).
// Portable (no DOM, no Node), so a test serves it over an in-memory channel in Node.
import { fromFloat16Bits } from '../../../formats/arrays/float16.js';
import {
  BackendUnavailableError,
  type BackendChoice,
  type SelectedBackend,
} from '../../../../../native-models/backends/backend-interface.js';
import { runModelJob, type ModelTask, type RowSource } from './model-job.js';
import { pageTransferables, type HostMessage, type MessageEndpoint, type PageMessage } from './model-job-protocol.js';

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

/**
 * Serves one task that arrives on `endpoint`. A `cancel` stops the job between steps (in the
 * app, the page terminates the Worker at once instead). Resolves once the last word is posted.
 */
export function serveModelJob(
  endpoint: MessageEndpoint<PageMessage, HostMessage>,
  select: (choice: BackendChoice) => Promise<SelectedBackend>,
): Promise<void> {
  const post = (message: PageMessage): void => endpoint.post(message, pageTransferables(message));
  const waiting = new Map<number, (halves: Uint16Array) => void>();
  let nextRequest = 0;
  let cancelled = false;
  const rows: RowSource = {
    readRows(wanted) {
      const id = nextRequest++;
      return new Promise((resolve) => {
        waiting.set(id, (halves) => resolve(fromFloat16Bits(halves)));
        // A copy: the request's buffer moves to the host, and `wanted` may view the task's rows.
        post({ type: 'read-rows', id, rows: wanted.slice() });
      });
    },
  };

  async function run(task: ModelTask): Promise<void> {
    let selected: SelectedBackend;
    try {
      selected = await select(task.backend);
    } catch (error) {
      post(
        error instanceof BackendUnavailableError
          ? { type: 'unavailable', skipped: error.reasons }
          : { type: 'failed', message: firstLine(error) },
      );
      return;
    }
    try {
      await runModelJob(task, {
        selected,
        rows,
        emit: (event) => post({ type: 'event', event }),
        shouldStop: () => cancelled,
      });
      post({ type: 'done' });
    } catch (error) {
      post(cancelled ? { type: 'cancelled' } : { type: 'failed', message: firstLine(error) });
    }
  }

  /** The backend `auto` would take here: activated, as for a task, and reported. */
  async function probe(): Promise<void> {
    try {
      const { name, device, hardwareGpu, skipped } = await select('auto');
      post({ type: 'probed', selected: { name, device, hardwareGpu }, skipped });
    } catch (error) {
      if (error instanceof BackendUnavailableError) post({ type: 'probed', selected: null, skipped: error.reasons });
      else post({ type: 'failed', message: firstLine(error) });
    }
  }

  return new Promise((resolve) => {
    let started = false;
    endpoint.onMessage((message) => {
      if (message.type === 'rows') {
        const answer = waiting.get(message.id);
        waiting.delete(message.id);
        answer?.(message.halves);
      } else if (message.type === 'run' && !started) {
        started = true;
        resolve(run(message.task));
      } else if (message.type === 'probe' && !started) {
        started = true;
        resolve(probe());
      } else if (message.type === 'cancel') {
        cancelled = true;
      }
    });
  });
}
