// After a label change the map's label column is patched from one small mapLabelChanges
// request and the map itself is not fetched again (at a million points that would take
// seconds); a burst of changes shares requests; changes for another map run reload it.
import { describe, expect, it } from 'vitest';
import type { StatusResult } from '../../../electron/core/api/contract.js';
import { NO_RATING, type MapLabelChanges } from '../../../electron/core/api/view-types.js';
import type { ApiClient } from '../../../renderer/src/api/api-client.js';
import type { LabelColumn } from '../../../renderer/src/state/label-column.js';
import { LabelSync } from '../../../renderer/src/state/label-sync.js';

/** A fake API and host: `label()` stands for a label written by any client. */
function setUp(mapRun = 'map-1') {
  const calls: string[] = [];
  let events = 0;
  const host = {
    column: {
      runId: 'map-1',
      labelEvent: 0,
      codes: new Uint8Array(4),
      names: [],
      ratings: new Uint8Array(4),
    } as LabelColumn,
    status: null as StatusResult | null,
    reloads: 0,
    labels: () => host.column,
    setLabels: (column: LabelColumn) => void (host.column = column),
    setStatus: (status: StatusResult) => void (host.status = status),
    reloadMap: async () => void host.reloads++,
    fail: (message: string) => {
      throw new Error(message);
    },
  };
  const api = {
    call: async (method: string, since?: number) => {
      calls.push(method);
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (method === 'status') return { objects: 4, images: 4, spectra: 0, errors: 0, labels: events, runs: [] };
      if (method !== 'mapLabelChanges') throw new Error(`unexpected call ${method}`);
      const changed = events > since!;
      const changes: MapLabelChanges = {
        runId: mapRun,
        since: since!,
        labelEvent: events,
        rows: Uint32Array.from(changed ? [1] : []),
        codes: Uint16Array.from(changed ? [1] : []),
        names: changed ? ['lens'] : [],
        ratings: Uint8Array.from(changed ? [NO_RATING] : []),
      };
      return changes;
    },
  } as unknown as Pick<ApiClient, 'call'>;
  const sync = new LabelSync(api, host);
  return { sync, host, calls, label: () => events++ };
}

const count = (calls: string[], method: string) => calls.filter((c) => c === method).length;

describe('label column sync', () => {
  it('patches the label column from the changed rows, with no mapData call', async () => {
    const { sync, host, calls, label } = setUp();
    label();
    await sync.sync();
    expect(calls.sort()).toEqual(['mapLabelChanges', 'status']);
    expect([...host.column.codes]).toEqual([0, 1, 0, 0]);
    expect(host.column.names).toEqual(['lens']);
    expect(host.column.labelEvent).toBe(1);
    expect(host.status!.labels).toBe(1);
    expect(count(calls, 'mapData')).toBe(0);
  });

  it('shares requests among a burst of label changes', async () => {
    const { sync, host, calls, label } = setUp();
    const rounds: Promise<void>[] = [];
    for (let i = 0; i < 5; i++) {
      label();
      rounds.push(sync.sync());
    }
    await Promise.all(rounds);
    expect(count(calls, 'mapLabelChanges')).toBe(2);
    expect(host.column.labelEvent).toBe(5);
  });

  it('reloads the map when the changes index another map run', async () => {
    const { sync, host, label } = setUp('map-2');
    label();
    await sync.sync();
    expect(host.reloads).toBe(1);
    expect(host.column.labelEvent).toBe(0);
  });
});
