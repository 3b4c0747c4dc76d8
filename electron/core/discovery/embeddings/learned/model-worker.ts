// Worker-thread entry of the learned models (see model-task-runner.ts). Cancelling terminates
// the thread; the last checkpoint was already handed over.
import { serveTasks } from '../../../util/worker-tasks.js';
import { createModelService } from './model-task.js';

serveTasks(createModelService());
