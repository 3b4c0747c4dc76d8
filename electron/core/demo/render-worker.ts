// Worker-thread entry for the demo generator: takes cutout jobs from the parent, renders
// them, writes FITS files itself and sends PNG pixels back (transferred, not copied).
import { parentPort } from 'node:worker_threads';
import { produceCutout, type CutoutJob } from './produce-cutout.js';
import { CutoutRenderer } from './render-cutout.js';

export interface RenderRequest {
  id: number;
  job: CutoutJob;
}

export type RenderReply =
  | { id: number; ok: true; outcome: ReturnType<typeof produceCutout> }
  | { id: number; ok: false; message: string };

const port = parentPort;
if (port) {
  const renderer = new CutoutRenderer();
  port.on('message', (request: RenderRequest) => {
    try {
      const outcome = produceCutout(renderer, request.job);
      const reply: RenderReply = { id: request.id, ok: true, outcome };
      port.postMessage(reply, outcome.kind === 'rgb' ? [outcome.rgb.buffer as ArrayBuffer] : []);
    } catch (err) {
      const reply: RenderReply = { id: request.id, ok: false, message: err instanceof Error ? err.message : String(err) };
      port.postMessage(reply);
    }
  });
}
