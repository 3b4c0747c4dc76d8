// Worker-thread entry of a learned run's encoding through onnxruntime (see learned-encode.ts).
// Cancelling terminates the thread.
import { serveTasks } from '../../../util/worker-tasks.js';
import { createOnnxEncodeService } from './learned-onnx-encode.js';

serveTasks(createOnnxEncodeService());
