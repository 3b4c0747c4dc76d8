// Worker-thread entry of the parallel layout optimiser (see sgd-runners.ts).
import { serveTasks } from '../../util/worker-tasks.js';
import { createSgdService } from './sgd-worker-protocol.js';

serveTasks(createSgdService());
