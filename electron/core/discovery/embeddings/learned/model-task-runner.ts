// Runs a model task where it runs best. In the desktop app, a GPU window first (a page's Worker
// on WebGPU or WebGL, model-task-host.ts): Electron's Node can use neither. Otherwise, or when
// the window has no backend `auto` may take (no GPU, or only a software one), on a worker thread
// of its own (model-task.ts), so training never blocks the main thread, and several encode
// tasks run at once on separate cores. `inProcess` runs the Node path here instead (tests).
// Aborting the signal stops the task at once; its completed checkpoints were already handed
// over. The models' code (tfjs) loads only where a task runs.
import {
  BackendUnavailableError,
  type SkippedBackend,
} from '../../../../../native-models/backends/backend-interface.js';
import { openWorkerPool, workerScript } from '../../../util/worker-pool.js';
import { serviceOnFirstTask } from '../../../util/worker-tasks.js';
import type { ModelTask, ModelTaskEvent } from './model-task.js';
import type { ModelTaskHost } from './model-task-host.js';
import type { PageProbe } from './model-job-protocol.js';

export interface ModelTaskOptions {
  onEvent: (event: ModelTaskEvent) => void;
  signal?: AbortSignal;
  /** Run on the calling thread even when a worker script exists (tests). */
  inProcess?: boolean;
}

let pageHost: ModelTaskHost | null = null;

/** The desktop app's GPU window (null: Node only, as in the CLI and browser mode). */
export function useModelTaskHost(host: ModelTaskHost | null): void {
  pageHost = host;
}

/** Which backend the desktop app's GPU window would train with; null outside the app. */
export async function probeModelTaskPage(): Promise<PageProbe | null> {
  return pageHost ? pageHost.probe() : null;
}

export function modelWorkerScript(): URL | null {
  return workerScript(import.meta.url, 'model-worker');
}

/** The Node run's `backend` event lists, first, why the page's backends were passed over. */
function withPassedOver(
  onEvent: ModelTaskOptions['onEvent'],
  passedOver: SkippedBackend[],
): ModelTaskOptions['onEvent'] {
  if (passedOver.length === 0) return onEvent;
  return (event) => {
    if (event.type !== 'backend') return onEvent(event);
    const skipped = [...passedOver, ...event.selected.skipped];
    onEvent({ ...event, selected: { ...event.selected, skipped } });
  };
}

export async function runModelTask(task: ModelTask, options: ModelTaskOptions): Promise<void> {
  options.signal?.throwIfAborted();
  let passedOver: SkippedBackend[] = [];
  if (pageHost?.serves(task.backend)) {
    const outcome = await pageHost.run(task, options);
    if (outcome.ran) return;
    // A page backend named by the user has nowhere else to run: Node has no WebGL, nor Dawn in Electron.
    if (task.backend !== 'auto') throw new BackendUnavailableError(task.backend, outcome.skipped);
    passedOver = outcome.skipped;
  }
  const pool = openWorkerPool<ModelTask, null, ModelTaskEvent>({
    name: 'model',
    script: options.inProcess ? null : modelWorkerScript(),
    threads: 1,
    inProcess: () => serviceOnFirstTask(async () => (await import('./model-task.js')).createModelService()),
  });
  try {
    await pool.run(task, { onEvent: withPassedOver(options.onEvent, passedOver), signal: options.signal });
  } finally {
    await pool.close();
  }
}
