// The host's half of a model task run by a page (the desktop app's hidden GPU window, or a
// test's Chromium page): it sends the task, answers the page's row requests from the workspace's
// model-input file, hands on the page's events exactly as a Node worker's, and cancels by asking
// the page to terminate its Worker. It knows only channels (model-job-protocol.ts): Electron
// carries them over MessagePortMain, the e2e test over Playwright. Core never imports Electron.
import {
  PAGE_BACKENDS,
  type BackendChoice,
  type PageBackendName,
  type SkippedBackend,
} from '../../../../../native-models/backends/backend-interface.js';
import type { ModelTask, ModelTaskEvent } from './model-job.js';
import {
  isPageMessage,
  type HostMessage,
  type MessageEndpoint,
  type PageMessage,
  type PageProbe,
} from './model-job-protocol.js';
import { openFloat16Rows } from './model-input-rows.js';

/** One task's channel to a page. */
export interface PageChannel extends MessageEndpoint<HostMessage, PageMessage> {
  /** The page went away (closed, crashed) before its last word. */
  onClose(listener: (reason: string) => void): void;
}

/** Where pages come from (the app's GPU window). */
export interface ModelTaskPage {
  /** A new channel to a page ready to run one task; rejects when there is no page (it failed to load). */
  open(): Promise<PageChannel>;
}

export interface PageTaskOptions {
  onEvent: (event: ModelTaskEvent) => void;
  signal?: AbortSignal;
}

/** Ran, or found no backend it may use (with why each was passed over). */
export type PageOutcome = { ran: true } | { ran: false; skipped: SkippedBackend[] };

function abortReason(signal: AbortSignal | undefined): Error {
  return signal?.reason instanceof Error ? signal.reason : new Error('cancelled');
}

/** Runs `task` on the page at the end of `channel`, which it closes when the page is done. */
export function runTaskOnPage(task: ModelTask, channel: PageChannel, options: PageTaskOptions): Promise<PageOutcome> {
  const { signal } = options;
  return new Promise<PageOutcome>((resolve, reject) => {
    if (signal?.aborted) {
      channel.close();
      return reject(abortReason(signal));
    }
    let file: ReturnType<typeof openFloat16Rows>;
    try {
      file = openFloat16Rows(task.inputs.path);
    } catch (error) {
      channel.close();
      return reject(error);
    }
    let settled = false;
    let cancelling = false;
    const settle = (finish: () => void): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      file.close();
      // After a cancel the channel stays open for the page's `cancelled`, which closes it.
      if (!cancelling) channel.close();
      finish();
    };
    const fail = (error: unknown): void => settle(() => reject(error));
    const cancel = (): void => {
      cancelling = true;
      channel.post({ type: 'cancel' }, []);
    };
    // As a Node worker is terminated: the caller learns at once; the page answers in its own time.
    const onAbort = (): void => {
      cancel();
      fail(abortReason(signal));
    };
    signal?.addEventListener('abort', onAbort, { once: true });

    channel.onMessage((message) => {
      if (settled) {
        if (cancelling && isPageMessage(message) && message.type === 'cancelled') channel.close();
        return;
      }
      if (!isPageMessage(message)) {
        cancel();
        return fail(new Error('the GPU window sent a malformed message; restart the app'));
      }
      switch (message.type) {
        case 'read-rows': {
          let halves: Uint16Array;
          try {
            halves = file.readHalves(message.rows);
          } catch (error) {
            cancel();
            return fail(error);
          }
          channel.post({ type: 'rows', id: message.id, halves }, [halves.buffer as ArrayBuffer]);
          return;
        }
        case 'event':
          return options.onEvent(message.event);
        case 'done':
          return settle(() => resolve({ ran: true }));
        case 'unavailable':
          return settle(() => resolve({ ran: false, skipped: message.skipped }));
        case 'failed':
          return fail(new Error(message.message));
        case 'cancelled':
          return fail(abortReason(signal));
      }
    });
    channel.onClose((reason) => {
      // Gone after a cancel, it will never answer it: release this end now.
      if (settled) channel.close();
      else fail(new Error(reason));
    });
    channel.post({ type: 'run', task }, []);
  });
}

/** Asks the page at the end of `channel` which backend `auto` would take there; closes the channel. */
export function probeOnPage(channel: PageChannel): Promise<PageProbe> {
  return new Promise<PageProbe>((resolve, reject) => {
    let settled = false;
    const settle = (finish: () => void): void => {
      if (settled) return;
      settled = true;
      channel.close();
      finish();
    };
    channel.onMessage((message) => {
      if (isPageMessage(message) && message.type === 'probed')
        return settle(() => resolve({ selected: message.selected, skipped: message.skipped }));
      const why = isPageMessage(message) && message.type === 'failed' ? message.message : 'an unexpected answer';
      settle(() => reject(new Error(`the GPU window's check failed: ${why}`)));
    });
    channel.onClose((reason) => settle(() => reject(new Error(reason))));
    channel.post({ type: 'probe' }, []);
  });
}

/**
 * Model tasks in pages: each task gets its own channel (and Worker). What a page cannot run is
 * remembered per backend choice, so a machine without a usable GPU asks once, not every task.
 */
export class ModelTaskHost {
  private readonly unavailable = new Map<BackendChoice, SkippedBackend[]>();
  private broken: string | null = null;

  constructor(private readonly page: ModelTaskPage) {}

  /** True when a page may run this choice: `auto`, or a page's backend by name. */
  serves(choice: BackendChoice): boolean {
    return choice === 'auto' || (PAGE_BACKENDS as readonly string[]).includes(choice);
  }

  async run(task: ModelTask, options: PageTaskOptions): Promise<PageOutcome> {
    const known = this.unavailable.get(task.backend);
    if (known) return { ran: false, skipped: known };
    if (this.broken) return { ran: false, skipped: this.passedOver(task.backend, this.broken) };
    let channel: PageChannel;
    try {
      channel = await this.page.open();
    } catch (error) {
      this.broken = `the GPU window did not load: ${error instanceof Error ? error.message : String(error)}`;
      return { ran: false, skipped: this.passedOver(task.backend, this.broken) };
    }
    const outcome = await runTaskOnPage(task, channel, options);
    if (!outcome.ran) this.unavailable.set(task.backend, outcome.skipped);
    return outcome;
  }

  /** Which backend `auto` would take in a page now (asked afresh: Settings' check after a driver change). */
  async probe(): Promise<PageProbe> {
    let channel: PageChannel;
    try {
      channel = await this.page.open();
    } catch (error) {
      const reason = `the GPU window did not load: ${error instanceof Error ? error.message : String(error)}`;
      return { selected: null, skipped: this.passedOver('auto', reason) };
    }
    return probeOnPage(channel);
  }

  private passedOver(choice: BackendChoice, reason: string): SkippedBackend[] {
    const names = PAGE_BACKENDS.filter((name: PageBackendName) => choice === 'auto' || name === choice);
    return names.map((name) => ({ name, reason }));
  }
}
