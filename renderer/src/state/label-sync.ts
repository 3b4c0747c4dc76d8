// Keeps the map's label column (label-column.ts) and the status counts up to date with the
// workspace's label history, one small mapLabelChanges request at a time: calls made
// while one runs share a single further round, so a burst of labels (the queue's keys)
// costs at most two requests. React-free: the store hands it getters and setters.
import type { StatusResult } from '../../../electron/core/api/contract.js';
import type { ApiClient } from '../api/api-client.js';
import { patchLabelColumn, type LabelColumn } from './label-column.js';

export interface LabelSyncHost {
  /** The column shown now; null while there is no map. */
  labels(): LabelColumn | null;
  setLabels(column: LabelColumn): void;
  setStatus(status: StatusResult): void;
  /** The changes index another map run: load the whole map again. */
  reloadMap(): Promise<void>;
  fail(message: string): void;
}

export class LabelSync {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly api: Pick<ApiClient, 'call'>,
    private readonly host: LabelSyncHost,
  ) {}

  /** Resolves once the column reflects every label change made before the call. */
  sync(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const rounds = async () => {
      do {
        this.again = false;
        await this.round();
      } while (this.again);
    };
    this.running = rounds().finally(() => (this.running = null));
    return this.running;
  }

  private async round(): Promise<void> {
    try {
      const asked = this.host.labels();
      const [status, changes] = await Promise.all([
        this.api.call('status'),
        asked ? this.api.call('mapLabelChanges', asked.labelEvent) : null,
      ]);
      this.host.setStatus(status);
      const current = this.host.labels();
      if (!changes || !current) return;
      const patch = patchLabelColumn(current, changes);
      if (patch.kind === 'patched') this.host.setLabels(patch.column);
      else if (patch.kind === 'gap') this.again = true;
      else if (patch.kind === 'other-map') await this.host.reloadMap();
    } catch (err) {
      this.host.fail((err as Error).message);
    }
  }
}
