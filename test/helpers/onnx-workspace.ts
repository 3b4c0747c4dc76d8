// A small workspace of synthetic image model inputs (float16, HWC, seeded values in the range
// of the asinh stretch) for ONNX tests and benchmarks, and the stored values read back as
// float32, which is what a direct computation must start from.
import { Workspace } from '../../electron/core/workspace/workspace.js';
import { addInputObjects } from './input-objects.js';
import { seededValues } from './onnx-model-builder.js';

export interface OnnxTestWorkspace {
  workspace: Workspace;
  /** The stored inputs as float32, object after object (HWC), in id order. */
  stored: Float32Array;
  size: number;
  bands: number;
  objects: number;
}

export function onnxTestWorkspace(dir: string, objects: number, size: number, bands = 3): OnnxTestWorkspace {
  const workspace = Workspace.open(dir, { create: true });
  const stored = addInputObjects(workspace, {
    modality: 'image',
    store: `image-${size}x${size}x${bands}.npy`,
    rowShape: [size, size, bands],
    width: size,
    height: size,
    bands,
    hdu: 0,
    sourcePath: 'cutouts.fits',
    namePrefix: 'g',
    count: objects,
    row: (i) => seededValues(size * size * bands, i + 1, 3),
  });
  return { workspace, stored, size, bands, objects };
}
