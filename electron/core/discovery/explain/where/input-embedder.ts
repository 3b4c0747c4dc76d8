// What explain needs of an embedding run to embed new model inputs (masked copies for occlusion
// saliency) and, for an autoencoder, to reconstruct them: run-embedder.ts makes one for each kind
// of run it can reproduce, learned-embedder.ts the learned runs'. Its own file so both can name it.

export interface InputEmbedder {
  /** The model-input layout it reads (store file name), and its geometry. */
  store: string;
  size: number;
  bands: number;
  /** `count` model inputs (float16 bits, size × size × bands HWC, row after row) → count × dim vectors. */
  embedInputs(half: Uint16Array, count: number): Promise<Float32Array>;
  /** An autoencoder's reconstruction of `count` inputs, as float32 in the same layout. */
  reconstruct?(half: Uint16Array, count: number): Promise<Float32Array>;
}
