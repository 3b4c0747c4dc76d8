// `serendip families` as a user runs it: --json prints the API's families whole (the top N of
// the ensemble, each once, the largest family first), the default one line a family with the
// same ids, sizes and exemplars, and a workspace without scores is refused with what to run.
import { describe, expect, it } from 'vitest';
import { runCli, runCliOk } from '../helpers/run-cli.js';
import { useDemoWorkspace } from '../helpers/demo-workspace.js';
import type { AnomalyFamily } from '../../electron/core/api/contract-families.js';
import type { ObjectHit } from '../../electron/core/api/contract.js';

describe('serendip families', () => {
  const { ws } = useDemoWorkspace('serendip-cli-families-', 60, 7);

  it('refuses before anything is ranked, saying what to run', () => {
    runCliOk(['embed', ws]);
    const refused = runCli(['families', ws]);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/no image anomaly scores yet: run `serendip rank <workspace>` first/);
  });

  it('prints the families as JSON, and one line a family', () => {
    runCliOk(['rank', ws]);
    const families = JSON.parse(runCliOk(['families', ws, '-n', '15', '--json']).stdout) as AnomalyFamily[];
    expect(Object.keys(families[0]).sort()).toEqual(['exemplar', 'family', 'features', 'members', 'size']);
    const top = (JSON.parse(runCliOk(['top', ws, '-n', '15', '--json']).stdout) as ObjectHit[]).map((h) => h.name);
    expect(families.flatMap((f) => f.members).sort()).toEqual([...top].sort());
    expect(families.map((f) => f.family)).toEqual(families.map((_, k) => k + 1));
    for (let k = 1; k < families.length; k++) expect(families[k].size).toBeLessThanOrEqual(families[k - 1].size);

    const lines = runCliOk(['families', ws, '-n', '15']).stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(families.length);
    families.forEach((f, k) => {
      expect(lines[k]).toMatch(new RegExp(`^\\s*${f.family}\\s+${f.size}\\s+${f.exemplar}\\s+${f.members[0]}`));
    });
  });
});
