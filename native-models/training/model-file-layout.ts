// The two files a saved tfjs layers model is made of, apart from the code that makes them:
// the workspace stores and reads them without loading tfjs.
export const MODEL_JSON = 'model.json';
export const MODEL_WEIGHTS = 'weights.bin';

export interface ModelFiles {
  json: string;
  weights: Uint8Array;
}
