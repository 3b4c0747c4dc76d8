// Worker-thread entry of the scoring runner (scoring-runner.ts).
import { serveTasks } from '../../util/worker-tasks.js';
import { createScoringService } from './scoring-tasks.js';

serveTasks(createScoringService());
