// Worker-thread entry of the paged application of fitted models (paged-apply.ts).
import { serveTasks } from '../../util/worker-tasks.js';
import { createApplyService } from './apply-tasks.js';

serveTasks(createApplyService());
