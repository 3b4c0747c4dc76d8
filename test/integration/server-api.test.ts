// Browser mode's API: job methods return a job id at once and report over the WebSocket;
// view methods return columns as binary frames the renderer decodes.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type {
  JobEvent,
  MapData,
  MapLabelChanges,
  ObjectDetails,
  ObjectPixels,
} from '../../electron/core/api/view-types.js';
import type { ObjectPreview } from '../../electron/core/api/contract-preview.js';
import { NO_RATING } from '../../electron/core/api/view-types.js';
import { decodeBinaryFrame } from '../../renderer/src/api/binary-frame.js';
import { callApi, startServerFixture, type ServerFixture } from './server-fixture.js';

let f: ServerFixture;
const events: JobEvent[] = [];
let socket: WebSocket;

beforeAll(async () => {
  f = await startServerFixture(40);
  socket = new WebSocket(`ws://127.0.0.1:${f.server.port}/api/events?token=${f.server.token}`);
  socket.on('message', (data) => events.push(JSON.parse(String(data)) as JobEvent));
  await new Promise((resolve) => socket.once('open', resolve));
});
afterAll(async () => {
  socket?.close();
  await f?.close();
});

async function result<T>(method: string, args: unknown[] = []): Promise<T> {
  const res = await callApi(f, method, args);
  expect(res.status, `${method}: ${res.status}`).toBe(200);
  if (res.headers.get('content-type') === 'application/octet-stream')
    return decodeBinaryFrame(await res.arrayBuffer()) as T;
  return ((await res.json()) as { result: T }).result;
}

function finished(jobId: string): Promise<JobEvent> {
  return new Promise((resolve) => {
    const check = () => {
      const event = events.find((e) => e.job.id === jobId && e.type === 'finished');
      if (event) resolve(event);
      else setTimeout(check, 20);
    };
    check();
  });
}

describe('browser mode API', () => {
  it('runs embed, rank and map as queued jobs with progress events', async () => {
    const before = await result<MapData>('mapData');
    expect(before.runId).toBeNull();
    expect(before.count).toBe(0);
    const ids: string[] = [];
    for (const [method, args] of [
      ['embed', [{}]],
      ['rank', [{}]],
      ['map', []],
    ] as const) {
      const { jobId } = await result<{ jobId: string }>(method, [...args]);
      expect(jobId).toMatch(/^job-/);
      ids.push(jobId);
    }
    const ends = await Promise.all(ids.map(finished));
    expect(ends.map((e) => e.job.state)).toEqual(['done', 'done', 'done']);
    expect(ends.map((e) => e.job.method)).toEqual(['embed', 'rank', 'map']);
    // One at a time: each job started after the previous one finished.
    expect(ends[1].job.startedAt! >= ends[0].job.finishedAt!).toBe(true);
    expect(ends[2].job.startedAt! >= ends[1].job.finishedAt!).toBe(true);
    expect(events.some((e) => e.type === 'progress' && e.job.id === ids[0] && e.job.total > 0)).toBe(true);
    const listed = await result<{ id: string; state: string }[]>('jobs');
    expect(listed.filter((j) => ids.includes(j.id)).map((j) => j.state)).toEqual(['done', 'done', 'done']);
  });

  it('returns the map as typed columns in a binary frame', async () => {
    const map = await result<MapData>('mapData');
    expect(map.count).toBe(40);
    expect(map.ids).toBeInstanceOf(Float64Array);
    expect(map.x).toBeInstanceOf(Float32Array);
    expect(map.x.length).toBe(40);
    expect(map.y.length).toBe(40);
    expect(map.score).toBeInstanceOf(Float32Array);
    expect([...map.score!].every(Number.isFinite)).toBe(true);
    expect(new Set(map.ids).size).toBe(40);
    expect(map.labelCode).toBeInstanceOf(Uint8Array);
    expect([...map.labelCode].every((c) => c === 0)).toBe(true);
  });

  it('labels show in mapData, labelled, labelCounts and objectDetails', async () => {
    const map = await result<MapData>('mapData');
    const id = map.ids[3];
    const details = await result<ObjectDetails>('objectDetails', [id]);
    await result('label', [{ name: details.name, label: 'lens', relevance: 4 }]);
    const after = await result<MapData>('mapData');
    expect(after.labelNames).toEqual(['lens']);
    expect(after.labelCode[3]).toBe(1);
    expect(await result('labelCounts')).toEqual([{ label: 'lens', count: 1 }]);
    const labelled = await result<{ name: string; label: string }[]>('labelled', ['lens']);
    expect(labelled.map((l) => l.name)).toEqual([details.name]);
    expect(await result('labelled', ['merger'])).toEqual([]);
    const again = await result<ObjectDetails>('objectDetails', [id]);
    expect(again.label).toBe('lens');
    expect(again.relevance).toBe(4);
    expect(again.history.map((h) => h.action)).toEqual(['set']);
    expect(again.scores[0].method).toBe('ensemble');
    expect(again.scores[0].rank).toBeGreaterThanOrEqual(1);
    expect(again.scores[0].of).toBe(40);
  });

  it("sends only the label column's changes since a label event, for set, clear and undo", async () => {
    const map = await result<MapData>('mapData');
    const nameOf = async (row: number) => (await result<ObjectDetails>('objectDetails', [map.ids[row]])).name;
    const [a, b] = [await nameOf(5), await nameOf(9)];
    expect(await result<MapLabelChanges>('mapLabelChanges', [map.labelEvent])).toMatchObject({
      runId: map.runId,
      since: map.labelEvent,
      labelEvent: map.labelEvent,
      names: [],
    });
    await result('labelMany', [{ names: [a, b], label: 'merger' }]);
    const set = await result<MapLabelChanges>('mapLabelChanges', [map.labelEvent]);
    expect(set.rows).toBeInstanceOf(Uint32Array);
    expect([...set.rows].sort((x, y) => x - y)).toEqual([5, 9]);
    expect([...set.codes]).toEqual([1, 1]);
    expect(set.names).toEqual(['merger']);
    expect(set.labelEvent).toBe(map.labelEvent + 2);
    await result('clearLabel', [a]);
    await result('undoLabel');
    // a's clear undone: a is a merger again.
    const labelsSince = async (since: number) => {
      const changes = await result<MapLabelChanges>('mapLabelChanges', [since]);
      const byRow = new Map(
        [...changes.rows].map((row, i) => [row, changes.codes[i] === 0 ? null : changes.names[changes.codes[i] - 1]]),
      );
      return { changes, byRow };
    };
    const undoneClear = await labelsSince(set.labelEvent);
    expect(undoneClear.byRow).toEqual(new Map([[5, 'merger']]));
    // The next undo takes back the labelMany whole: neither has a label.
    await result('undoLabel');
    const later = await labelsSince(undoneClear.changes.labelEvent);
    expect(later.byRow).toEqual(
      new Map([
        [5, null],
        [9, null],
      ]),
    );
    // The whole map agrees with what the changes said.
    const whole = await result<MapData>('mapData');
    expect(whole.labelEvent).toBe(later.changes.labelEvent);
    expect(whole.labelCode[5]).toBe(0);
    expect(whole.labelCode[9]).toBe(0);
    // A relevance without a label is a rating: no label code, its relevance in `ratings`, in the changes and the map.
    await result('label', [{ name: b, label: null, relevance: 0 }]);
    const rated = await result<MapLabelChanges>('mapLabelChanges', [later.changes.labelEvent]);
    expect([...rated.rows]).toEqual([9]);
    expect([...rated.codes]).toEqual([0]);
    expect([...rated.ratings]).toEqual([0]);
    const ratedMap = await result<MapData>('mapData');
    expect(ratedMap.ratings).toBeInstanceOf(Uint8Array);
    expect(ratedMap.ratings[9]).toBe(0);
    expect(ratedMap.ratings[5]).toBe(NO_RATING);
    await result('clearLabel', [a]);
    await result('clearLabel', [b]);
  });

  it('sends FITS pixels as planar floats, north up', async () => {
    const map = await result<MapData>('mapData');
    const fitsId = await (async () => {
      for (const id of map.ids) {
        const d = await result<ObjectDetails>('objectDetails', [id]);
        if (d.path.toLowerCase().endsWith('.fits')) return id;
      }
      return null;
    })();
    expect(fitsId).not.toBeNull();
    const pixels = await result<ObjectPixels>('objectPixels', [fitsId]);
    expect(pixels.source).toBe('fits');
    expect(pixels.data).toBeInstanceOf(Float32Array);
    expect(pixels.data.length).toBe(pixels.width * pixels.height * pixels.bands);
    expect(pixels.width).toBeLessThanOrEqual(512);
    expect(pixels.bandNames.length).toBe(pixels.bands);
  });

  it('makes an object preview on request and serves it as a workspace file', async () => {
    const id = [...(await result<MapData>('mapData')).ids][0];
    const [preview] = await result<ObjectPreview[]>('objectPreviews', [[id]]);
    const details = await result<ObjectDetails>('objectDetails', [id]);
    expect(preview).toMatchObject({ id, width: details.width, height: details.height });
    expect(preview.preview).toMatch(/^previews\/[0-9a-f]{2}\/[0-9a-f]{20}\.webp$/);
    const headers = { Host: `127.0.0.1:${f.server.port}`, 'X-Serendip-Token': f.server.token };
    const response = await fetch(`http://127.0.0.1:${f.server.port}/files/${preview.preview}`, { headers });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/webp');
  });

  it('cancels a running job once it reports progress', async () => {
    const { jobId } = await result<{ jobId: string }>('demo', [{ objects: 5000, seed: 9 }]);
    await new Promise<void>((resolve) => {
      const check = () =>
        events.some((e) => e.job.id === jobId && e.type === 'progress' && e.job.done > 0)
          ? resolve()
          : setTimeout(check, 20);
      check();
    });
    expect(await result('cancelJob', [jobId])).toEqual({ cancelled: true });
    const end = await finished(jobId);
    expect(end.job.state).toBe('cancelled');
    expect(await result('cancelJob', [jobId])).toEqual({ cancelled: false });
    expect((await result<{ objects: number }>('status')).objects).toBe(40);
  });

  it('refuses a job with invalid arguments at once, without queueing it', async () => {
    const before = (await result<unknown[]>('jobs')).length;
    expect((await callApi(f, 'rank', [{ method: 'magic' }])).status).toBe(400);
    expect((await result<unknown[]>('jobs')).length).toBe(before);
  });
});

describe('browser mode API errors and the methods that joined the contract', () => {
  async function failure(method: string, args: unknown[]): Promise<{ status: number; error: string; code: string }> {
    const res = await callApi(f, method, args);
    return { status: res.status, ...((await res.json()) as { error: string; code: string }) };
  }

  it('answers each coded error with its status and code', async () => {
    expect(await failure('objectDetails', [999_999])).toMatchObject({ status: 404, code: 'not-found' });
    const unknownName = await failure('label', [{ name: 'no-such-object', label: 'lens' }]);
    expect(unknownName).toMatchObject({ status: 404, code: 'not-found' });
    expect(await failure('rank', [{ method: 'magic' }])).toMatchObject({ status: 400, code: 'bad-request' });
    const unknownMethod = await failure('nope', []);
    expect(unknownMethod).toMatchObject({ status: 400, code: 'bad-request', error: 'unknown method "nope"' });
    const image = (await result<{ id: number }[]>('findObjects', ['DEMO-', 1]))[0];
    expect(await failure('objectSpectrum', [image.id])).toMatchObject({ status: 400, code: 'unsupported' });
    expect(await failure('openDemo', [])).toMatchObject({ status: 400, code: 'unsupported' });
  });

  it('lists ingest warnings', async () => {
    expect(await result('warnings')).toEqual([]);
    expect(await result('warnings', [5])).toEqual([]);
    expect(await failure('warnings', [0])).toMatchObject({ status: 400, code: 'bad-request' });
  });

  it('exports a learned run as ONNX as a job, and fails the job with a code for a run it cannot export', async () => {
    const job = async (method: string, request: object) =>
      finished((await result<{ jobId: string }>(method, [request])).jobId);
    const trained = await job('embed', { method: 'autoencoder', epochs: 1, sample: 40, dim: 4, backend: 'wasm' });
    expect(trained.job.state, trained.job.error ?? '').toBe('done');
    const runId = (trained.job.result as { runId: string }).runId;
    const out = join(f.dir, 'encoder.onnx');
    const exported = await job('exportModel', { run: runId, out });
    expect(exported.job.state, exported.job.error ?? '').toBe('done');
    expect(exported.job.result).toMatchObject({ runId, out, output: { shape: ['N', 4] } });
    expect(statSync(out).size).toBe((exported.job.result as { bytes: number }).bytes);

    const status = await result<{ runs: { id: string; method: string }[] }>('status');
    const features = status.runs.find((r) => r.method === 'features')!;
    const refused = await job('exportModel', { run: features.id, out });
    expect(refused.job).toMatchObject({ state: 'failed', errorCode: 'unsupported' });
    expect(refused.job.error).toMatch(/has no encoder to export/);
    const missing = await job('exportModel', { run: 'no-such-run', out });
    expect(missing.job).toMatchObject({ state: 'failed', errorCode: 'not-found' });
    expect(await failure('exportModel', [{ run: '../x', out }])).toMatchObject({ status: 400, code: 'bad-request' });
  });
});
