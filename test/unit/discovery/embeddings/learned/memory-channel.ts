// A message channel within one thread, for the model-task protocol's tests: each message is
// structured-cloned with its transfer list (so a buffer moved and then reused shows up as a
// detached array) and delivered a turn later, as ports deliver. Either end may close it; the
// host's end then hears why, as a PageChannel does.
import type { MessageEndpoint } from '../../../../../electron/core/discovery/embeddings/learned/model-job-protocol.js';

export interface MemoryEnd<Out, In> extends MessageEndpoint<Out, In> {
  onClose(listener: (reason: string) => void): void;
  /** Every message this end received, in order. */
  readonly received: In[];
  readonly closed: boolean;
}

function end<Out, In>(): MemoryEnd<Out, In> & {
  peer: MemoryEnd<In, Out> | null;
  deliver(message: In): void;
  hangUp(): void;
} {
  const listeners: ((message: In) => void)[] = [];
  const closeListeners: ((reason: string) => void)[] = [];
  const received: In[] = [];
  const self = {
    peer: null as MemoryEnd<In, Out> | null,
    received,
    closed: false,
    post(message: Out, transfer: ArrayBuffer[]) {
      if (self.closed) return;
      const copy = structuredClone(message, { transfer });
      const peer = self.peer as unknown as { deliver(message: Out): void };
      setImmediate(() => peer.deliver(copy));
    },
    onMessage(listener: (message: In) => void) {
      listeners.push(listener);
    },
    onClose(listener: (reason: string) => void) {
      closeListeners.push(listener);
    },
    close() {
      if (self.closed) return;
      self.closed = true;
      const peer = self.peer as unknown as { hangUp(): void };
      setImmediate(() => peer.hangUp());
    },
    deliver(message: In) {
      if (self.closed) return;
      received.push(message);
      for (const listener of listeners) listener(message);
    },
    hangUp() {
      if (self.closed) return;
      self.closed = true;
      for (const listener of closeListeners.splice(0)) listener('the other end closed');
    },
  };
  return self;
}

/** Two connected ends: `a` posts what `b` receives, and back. */
export function memoryChannel<AOut, BOut>(): { a: MemoryEnd<AOut, BOut>; b: MemoryEnd<BOut, AOut> } {
  const a = end<AOut, BOut>();
  const b = end<BOut, AOut>();
  a.peer = b;
  b.peer = a;
  return { a, b };
}
