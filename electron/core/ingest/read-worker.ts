// Worker-thread entry of the read pool (read-pool.ts): decodes the files it is sent, so the
// calling thread (the app's server, the Electron main process) only commits what comes back.
import { serveTasks } from '../util/worker-tasks.js';
import { createReadService } from './read-service.js';

serveTasks(createReadService());
