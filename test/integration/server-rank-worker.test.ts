// `rank` scores on a worker thread, so browser mode's server keeps answering while a kNN
// graph is built: a status call made as the LOF stage starts is answered, and timers fire,
// before that stage ends. Asserted by the order of events, never by durations. Needs the
// compiled worker (npm run build); without it rank scores in process and this is skipped.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SerendipService } from '../../electron/core/api/serendip-service.js';
import { scoringWorkerScript } from '../../electron/core/discovery/anomaly/scoring-runner.js';
import { listRuns } from '../../electron/core/workspace/repositories/runs-repo.js';
import { startBrowserServer, type BrowserServer } from '../../electron/server/browser-server.js';
import { addSyntheticEmbedding } from '../helpers/synthetic-embedding.js';
import type { Progress } from '../../electron/core/api/contract.js';

// An exact kNN graph of 6,000 × 32 (below the ANN index's threshold): a second or more of
// arithmetic, against a status call's few milliseconds.
const ROWS = 6000;
const DIM = 32;

let dir: string | null = null;
let service: SerendipService | null = null;
let server: BrowserServer | null = null;

afterEach(async () => {
  await server?.close();
  service?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
  service = null;
  server = null;
});

async function setUp(): Promise<{ service: SerendipService; status: () => Promise<unknown> }> {
  dir = mkdtempSync(join(tmpdir(), 'serendip-rank-worker-'));
  service = SerendipService.open(join(dir, 'ws'), { create: true });
  await addSyntheticEmbedding(service.workspace, ROWS, DIM);
  server = await startBrowserServer(service, { rendererDir: dir });
  const { port, token } = server;
  const status = async () => {
    const response = await fetch(`http://127.0.0.1:${port}/api/call`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Serendip-Token': token },
      body: '{"method":"status"}',
    });
    return ((await response.json()) as { result: unknown }).result;
  };
  return { service, status };
}

const starts = (p: Progress, stage: string) => p.stage === stage && p.done === 0 && p.total === 1;
const ends = (p: Progress, stage: string) => p.stage === stage && p.done === 1 && p.total === 1;

describe.skipIf(scoringWorkerScript() === null)('rank on a worker thread, in browser mode', () => {
  it('answers another API call and runs timers while the kNN graph is built', async () => {
    const { service, status } = await setUp();
    const events: string[] = [];
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    let ticksAtStart = 0;
    let answered: Promise<unknown> = Promise.resolve();
    try {
      const result = await service.rank(
        { method: 'lof' },
        {
          onProgress: (p) => {
            if (starts(p, 'rank lof')) {
              events.push('lof started');
              ticksAtStart = ticks;
              answered = status().then((s) =>
                events.push(`status answered (${(s as { objects: number }).objects} objects)`),
              );
            } else if (ends(p, 'rank lof')) {
              events.push(ticks > ticksAtStart ? 'lof ended after timer ticks' : 'lof ended with no timer tick');
            }
          },
        },
      );
      expect(result.count).toBe(ROWS);
    } finally {
      clearInterval(timer);
    }
    await answered;
    expect(events).toEqual(['lof started', 'status answered (0 objects)', 'lof ended after timer ticks']);
  });

  it('stops a running scorer at once when cancelled, writing no run for it', async () => {
    const { service, status } = await setUp();
    const controller = new AbortController();
    const events: string[] = [];
    const ranking = service.rank(
      { method: 'ensemble' },
      {
        signal: controller.signal,
        onProgress: (p) => {
          if (starts(p, 'rank lof')) {
            events.push('lof started');
            // Cancelled from a later turn of the event loop, as the Jobs panel's button would.
            void status().then(() => {
              events.push('status answered');
              controller.abort(new Error('cancelled by the test'));
            });
          }
          if (ends(p, 'rank lof')) events.push('lof ended');
        },
      },
    );
    await expect(ranking).rejects.toThrow('cancelled by the test');
    expect(events).toEqual(['lof started', 'status answered']);
    // The forest, scored before, kept its run; LOF and the ensemble never got one.
    const scoreRuns = listRuns(service.workspace.db, 'score');
    expect(scoreRuns.map((r) => `${r.method}:${r.status}`)).toEqual(['iforest:done']);
  });
});
