// `serendip explain` as a user runs it: --json prints the API's explanation whole (scorers,
// features by |σ|, typical neighbours), the default a readable summary of the same numbers,
// and a spectrum is refused with a one-line reason.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { runCli, runCliOk } from '../helpers/run-cli.js';
import { readTruthTable } from '../helpers/demo-truth.js';
import { useDemoWorkspace } from '../helpers/demo-workspace.js';
import type { Explanation } from '../../electron/core/api/contract-explain.js';

describe('serendip explain', () => {
  const { ws } = useDemoWorkspace('serendip-cli-explain-', 60, 7);

  it('prints the explanation as JSON, and as a summary of the same numbers', () => {
    runCliOk(['embed', ws]);
    runCliOk(['rank', ws]);
    const truth = readTruthTable(join(ws, 'demo-truth.csv')).rows;
    const name = truth.find((row) => row.is_anomaly === '1')!.name;

    const e = JSON.parse(runCliOk(['explain', ws, name, '-k', '5', '--json']).stdout) as Explanation;
    expect(e.name).toBe(name);
    expect(e.scorers.map((s) => s.method).sort()).toEqual(['ensemble', 'iforest', 'knn', 'lof']);
    expect(e.neighbours).toHaveLength(5);
    expect(e.features.length).toBeGreaterThan(30);
    expect(Object.keys(e.features[0]).sort()).toEqual(['mean', 'name', 'phrase', 'sd', 'sigma', 'value']);

    const text = runCliOk(['explain', ws, name, '-k', '5']).stdout;
    expect(text).toContain(`Against its 5 typical neighbours (embedding ${e.embeddingRun})`);
    expect(text).toContain(e.features[0].phrase);
    for (const s of e.scorers) expect(text).toMatch(new RegExp(`${s.method} .*#${s.rank} of 60`));
    for (const n of e.neighbours) expect(text).toContain(n.name);
  });

  it('refuses an object that is not there with a one-line reason', () => {
    const missing = runCli(['explain', ws, 'NO-SUCH-OBJECT']);
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toMatch(/no object named "NO-SUCH-OBJECT" in this workspace/);
  });
});
