// Worker-thread entry of the embedding task runner (see task-runner.ts).
import { serveTasks } from '../../util/worker-tasks.js';
import { createEmbeddingService } from './embedding-tasks.js';

serveTasks(createEmbeddingService());
