// `serendip embed --method autoencoder|contrastive` through the built CLI, with training and
// encoding on worker threads as a user runs them: the backend is reported and stored, the
// model folder holds a tfjs model, the autoencoder adds a reconstruction score run, an absent
// backend fails with a clear reason, and a process killed mid-training resumes from its
// last checkpoint with --resume.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_PATH, runCli, runCliOk } from '../helpers/run-cli.js';
import { readRunRow } from '../helpers/workspace-db.js';
import { useDemoWorkspace } from '../helpers/demo-workspace.js';

const ok = runCliOk;

interface StatusRun {
  id: string;
  kind: string;
  method: string;
  status: string;
}

/** Every run `status --json` lists, finished or not. */
function runs(ws: string): StatusRun[] {
  const status = JSON.parse(ok(['status', ws, '--json']).stdout) as {
    runs: Omit<StatusRun, 'status'>[];
    unfinished: StatusRun[];
  };
  return [...status.runs.map((r) => ({ ...r, status: 'done' })), ...status.unfinished];
}

describe('serendip embed with learned models', () => {
  const { ws } = useDemoWorkspace('serendip-learned-cli-', 120, 2);

  it('trains an autoencoder on wasm, reports the backend, and saves model, embedding and reconstruction scores', () => {
    const { stderr } = ok([
      'embed',
      ws,
      '--method',
      'autoencoder',
      '--epochs',
      '1',
      '--sample',
      '64',
      '--dim',
      '8',
      '--backend',
      'wasm',
    ]);
    expect(stderr).toMatch(/trained on wasm \(WebAssembly/);
    // Trained on the CPU, the model encodes through onnxruntime (faster there).
    expect(stderr).toMatch(/encoded with onnxruntime cpu/);
    expect(stderr).toMatch(/reconstruction errors saved as score run/);
    const embedding = runs(ws).find((r) => r.kind === 'embedding' && r.method === 'autoencoder')!;
    expect(embedding.status).toBe('done');
    expect(readRunRow(ws, embedding.id).params).toMatchObject({
      backend: 'wasm',
      backend_requested: 'wasm',
      epochs: 1,
      sample: 64,
      dim: 8,
      encode_threads: 1,
    });
    expect(existsSync(join(ws, 'models', embedding.id, 'encoder', 'model.json'))).toBe(true);
    expect(existsSync(join(ws, 'models', embedding.id, 'head', 'weights.bin'))).toBe(true);
    expect(runs(ws).some((r) => r.kind === 'score' && r.method === 'reconstruction' && r.status === 'done')).toBe(true);
    // The learned embedding is now the current one: rank and map run on it.
    ok(['rank', ws]);
    ok(['map', ws]);
  });

  it('fails clearly when the asked-for backend is not installed', () => {
    const result = runCli(['embed', ws, '--method', 'contrastive', '--epochs', '1', '--backend', 'tensorflow-gpu']);
    if (result.status === 0) return; // a machine with CUDA and tfjs-node-gpu: nothing to refuse
    expect(result.stderr).toMatch(/backend 'tensorflow-gpu' is not available/);
    expect(result.stderr).toMatch(/@tensorflow\/tfjs-node-gpu/);
    expect(result.stderr.trim().split('\n').length).toBeLessThanOrEqual(3);
  });

  it('resumes a run killed mid-training from its last checkpoint', async () => {
    const child = spawn(
      process.execPath,
      [CLI_PATH, 'embed', ws, '--method', 'contrastive', '--epochs', '4', '--sample', '128', '--backend', 'wasm'],
      { stdio: 'ignore' },
    );
    const killedRun = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const running = runs(ws).find(
          (r) => r.kind === 'embedding' && r.method === 'contrastive' && r.status === 'running',
        );
        if (running && existsSync(join(ws, 'models', running.id, 'checkpoint.json'))) {
          clearInterval(timer);
          child.kill('SIGKILL');
          resolve(running.id);
        }
      }, 100);
      child.on('exit', () => {
        clearInterval(timer);
        reject(new Error('embed finished before it could be killed'));
      });
    });
    await new Promise((resolve) => child.on('exit', resolve));
    const checkpoint = JSON.parse(readFileSync(join(ws, 'models', killedRun, 'checkpoint.json'), 'utf8')) as {
      epoch: number;
    };
    expect(checkpoint.epoch).toBeGreaterThanOrEqual(1);
    expect(checkpoint.epoch).toBeLessThan(4);
    // Once its process is gone, status no longer shows the run as running: it was interrupted.
    expect(runs(ws).find((r) => r.id === killedRun)).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(/^interrupted: the process running it \(pid \d+\) stopped/),
    });

    ok(['embed', ws, '--method', 'contrastive', '--resume', killedRun]);
    const resumed = runs(ws).find((r) => r.id === killedRun)!;
    expect(resumed.status).toBe('done');
    const log = JSON.parse(readFileSync(join(ws, 'models', killedRun, 'training-log.json'), 'utf8')) as {
      resumedFromEpoch: number;
      epochs: { epoch: number }[];
    };
    expect(log.resumedFromEpoch).toBe(checkpoint.epoch);
    expect(log.epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4]);
  }, 240_000);
});
