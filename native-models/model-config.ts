// A learned model's whole configuration as plain data (it crosses to worker threads and is
// stored with the run), and the architecture it stands for.
import type { ModelArchitecture, LearnedModelKind } from './model-architecture.js';
import { imageArchitecture } from './image/image-architecture.js';
import type { ImageGeometry } from './image/image-networks.js';

export type LearnedModelConfig = {
  kind: LearnedModelKind;
  dim: number;
  seed: number;
  learningRate: number;
} & { modality: 'image'; geometry: ImageGeometry };

export function architectureFor(config: LearnedModelConfig): ModelArchitecture {
  switch (config.modality) {
    case 'image':
      return imageArchitecture(config.geometry);
  }
}
