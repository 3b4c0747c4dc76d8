// Worker-thread entry of the device checks (device-checks.ts): one thread per tfjs backend,
// and one for onnxruntime, each ended when its checks are done or a probe outlasts its limit.
import { serveTasks } from '../util/worker-tasks.js';
import { createDeviceCheckService } from './device-checks.js';

serveTasks(createDeviceCheckService());
