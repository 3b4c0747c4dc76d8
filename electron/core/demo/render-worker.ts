// Worker-thread entry for the demo generator: renders the cutouts it is sent (see render-pool.ts).
import { serveTasks } from '../util/worker-tasks.js';
import { createRenderService } from './produce-cutout.js';

serveTasks(createRenderService());
