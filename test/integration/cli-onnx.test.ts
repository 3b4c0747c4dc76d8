// `serendip embed --model` through the built CLI on a demo workspace: a conv encoder the
// test writes (NCHW, dynamic batch and side) runs at --input-size 32 on the best provider
// present, which is printed and stored; the model is kept in the workspace by hash; the run
// becomes the current embedding that rank uses; `export-model` writes a learned run's
// encoder that embeds back to the run's vectors; a model that cannot be fed, or a bad
// option, fails with a one-line reason.
import { createHash } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readNpyFile } from '../../electron/core/formats/arrays/npy.js';
import { convEncoderModel, denseEncoderModel } from '../helpers/onnx-model-builder.js';
import { runCli, runCliOk } from '../helpers/run-cli.js';
import { readRunRow } from '../helpers/workspace-db.js';
import { useDemoWorkspace } from '../helpers/demo-workspace.js';

const ok = runCliOk;

describe('serendip embed --model', () => {
  const { shared, ws } = useDemoWorkspace('serendip-onnx-cli-', 60, 3);

  it('runs a pretrained encoder, reports the provider and keeps the model by hash', () => {
    const bytes = convEncoderModel({ layout: 'nchw', size: 32, bands: 3, dim: 8, dynamicSpatial: true });
    const model = join(shared, 'encoder.onnx');
    writeFileSync(model, bytes);
    const sha = createHash('sha256').update(bytes).digest('hex');
    const { stderr } = ok([
      'embed',
      ws,
      '--model',
      model,
      '--input-size',
      '32',
      '--normalise',
      'meanstd',
      '--mean',
      '0',
      '--std',
      '2',
    ]);
    expect(stderr).toMatch(
      new RegExp(`ran the ONNX model ${sha.slice(0, 12)} on onnxruntime (cpu \\(\\d+ threads\\)|cuda|coreml|dml)`),
    );
    const runId = /embed: run (\S+), 60 objects × 8 dimensions/.exec(stderr)?.[1];
    expect(runId, stderr).toBeDefined();
    const run = readRunRow(ws, runId!);
    expect(run).toMatchObject({ method: 'onnx', status: 'done' });
    expect(run.params).toMatchObject({
      dim: 8,
      objects: 60,
      resize: 'bilinear, half-pixel centres',
      model: { file_name: 'encoder.onnx', sha256: sha, path: `models/onnx/${sha}.onnx` },
      input: { name: 'pixels', layout: 'nchw', size: 32 },
      output: { name: 'embedding' },
      normalisation: { method: 'meanstd', mean: [0], std: [2] },
    });
    expect(['cpu', 'cuda', 'coreml', 'dml']).toContain(run.params.provider);
    expect(existsSync(join(ws, 'models', 'onnx', `${sha}.onnx`))).toBe(true);
    expect(readNpyFile(join(ws, 'embeddings', `${runId}.npy`)).shape).toEqual([60, 8]);
    const status = JSON.parse(ok(['status', ws, '--json']).stdout) as { runs: { id: string; method: string }[] };
    expect(status.runs).toContainEqual(expect.objectContaining({ id: runId, method: 'onnx' }));
    // It is now the current embedding: ranking runs on it.
    ok(['rank', ws, '--method', 'knn']);
  });

  it("exports a learned run's encoder that embeds back to the run's own vectors", () => {
    const learned = ok([
      'embed',
      ws,
      '--method',
      'autoencoder',
      '--epochs',
      '1',
      '--sample',
      '60',
      '--dim',
      '8',
      '--backend',
      'wasm',
    ]).stderr;
    const learnedRun = /embed: run (\S+),/.exec(learned)![1];
    const out = join(shared, 'exported.onnx');
    const { stderr } = ok(['export-model', ws, learnedRun, out]);
    const exported = /encoder, pixels \[N, 64, 64, 3\] → embedding \[N, 8\], \d+ bytes \(sha256 [0-9a-f]{12}\)/;
    expect(stderr).toMatch(exported);
    const again = /embed: run (\S+),/.exec(ok(['embed', ws, '--model', out, '--provider', 'cpu']).stderr)![1];
    expect(readRunRow(ws, again).params).toMatchObject({ input: { layout: 'nhwc', size: 64 }, resize: 'none' });
    const a = readNpyFile(join(ws, 'embeddings', `${learnedRun}.npy`)).data as Float32Array;
    const b = readNpyFile(join(ws, 'embeddings', `${again}.npy`)).data as Float32Array;
    expect(b.length).toBe(a.length);
    let diff = 0;
    for (let i = 0; i < a.length; i++) diff = Math.max(diff, Math.abs(a[i] - b[i]));
    expect(diff).toBeLessThan(1e-3);
    const refused = runCli(['export-model', ws, again, out]);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/has no encoder to export/);
  });

  it('refuses a model it cannot feed, and bad options, with one line', () => {
    const model = join(shared, 'one-band.onnx');
    writeFileSync(model, denseEncoderModel({ layout: 'nchw', size: 64, bands: 1, dim: 2 }));
    const refused = runCli(['embed', ws, '--model', model]);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(
      new RegExp(
        /cannot be fed 3-band images: no channel axis \(1 or 3\) is 3; expected .* /.source +
          /found input 'pixels' is float32 \[N, 1, 64, 64\]/.source,
      ),
    );
    expect(refused.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
    const noStd = runCli(['embed', ws, '--model', model, '--normalise', 'meanstd']);
    expect(noStd.status).not.toBe(0);
    expect(noStd.stderr).toMatch(/--normalise meanstd needs --mean and --std/);
    const badMean = runCli(['embed', ws, '--model', model, '--mean', '1,x']);
    expect(badMean.status).not.toBe(0);
    expect(badMean.stderr).toMatch(/--mean must be comma-separated numbers/);
  });
});
