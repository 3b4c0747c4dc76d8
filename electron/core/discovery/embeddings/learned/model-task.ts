// The learned models' tasks in Node: on a worker thread (model-worker.ts) or, when the project
// is not built, on the calling thread. The job itself is model-job.ts, shared with the desktop
// app's GPU window; here it gets Node's backends and reads the workspace's float16 model-input
// file directly.
import { fromFloat16Bits } from '../../../formats/arrays/float16.js';
import { selectBackend } from '../../../../../native-models/backends/select-backend.js';
import type { TaskService } from '../../../util/worker-tasks.js';
import { runModelJob, type ModelTask, type ModelTaskEvent, type RowSource } from './model-job.js';
import { eventTransferables } from './model-job-protocol.js';
import { openFloat16Rows } from './model-input-rows.js';

export type { EncodeTask, InputRows, ModelTask, ModelTaskEvent, TrainTask, TrainedNetworks } from './model-job.js';
export { epochRandom } from './model-job.js';

/** A thread's model service: runs a task, posting every event (its large buffers moved). */
export function createModelService(): TaskService<ModelTask, null, ModelTaskEvent> {
  return {
    async perform(task, context) {
      await performModelTask(
        task,
        (event) => context.emit(event, eventTransferables(event)),
        () => context.cancelled,
      );
      return null;
    },
  };
}

/**
 * Runs one task, reporting through `emit`; the last event is `trained` or `encoded`.
 * `shouldStop` is asked between steps (on a worker, cancelling terminates the thread instead).
 */
export async function performModelTask(
  task: ModelTask,
  emit: (event: ModelTaskEvent) => void,
  shouldStop: () => boolean = () => false,
): Promise<void> {
  const selected = await selectBackend(task.backend);
  const file = openFloat16Rows(task.inputs.path);
  try {
    const rows: RowSource = { readRows: async (wanted) => fromFloat16Bits(file.readHalves(wanted)) };
    await runModelJob(task, { selected, rows, emit, shouldStop });
  } finally {
    file.close();
  }
}
