// tfjs's plain-JavaScript backend: always present, the last resort. Its conv gradients
// are too slow to train on; inference works.
import * as tf from '@tensorflow/tfjs';
import type { BackendCandidate } from './backend-interface.js';
import { cpuModel } from './cpu-model.js';

export const cpuBackend: BackendCandidate = {
  name: 'cpu',
  packageName: null,
  async activate() {
    if (!(await tf.setBackend('cpu'))) throw new Error("tfjs's cpu backend failed to initialise");
  },
  async describeDevice() {
    return `JavaScript (tfjs cpu backend, one thread) on ${cpuModel()}`;
  },
};
