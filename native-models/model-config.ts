// A learned model's whole configuration as plain data (it crosses to worker threads and is
// stored with the run), and the architecture it stands for.
import type { ModelArchitecture, LearnedModelKind } from './model-architecture.js';
import { imageArchitecture } from './image/image-architecture.js';
import type { ImageGeometry } from './image/image-networks.js';
import { spectrumArchitecture } from './spectrum/spectrum-architecture.js';
import type { SpectrumGeometry } from './spectrum/spectrum-networks.js';

export type LearnedModelConfig = {
  kind: LearnedModelKind;
  dim: number;
  seed: number;
  learningRate: number;
  /** Filters per convolution ×width (default 1); a GPU trains wider networks by default. */
  width?: number;
} & ({ modality: 'image'; geometry: ImageGeometry } | { modality: 'spectrum'; geometry: SpectrumGeometry });

export function architectureFor(config: LearnedModelConfig): ModelArchitecture {
  switch (config.modality) {
    case 'image':
      return imageArchitecture(config.geometry, config.width);
    case 'spectrum':
      return spectrumArchitecture(config.geometry, config.width);
  }
}
