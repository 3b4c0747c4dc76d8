// The README shows the cluster recipe's scripts; the Slurm test runs the files in docs/cluster/.
// They must be the same text, so what a reader copies is what was tested.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));
const readme = readFileSync(root('README.md'), 'utf8');

describe('README "On a cluster"', () => {
  it.each(['submit.sh', 'shard.sbatch'])('quotes docs/cluster/%s verbatim', (script) => {
    const text = readFileSync(root(`docs/cluster/${script}`), 'utf8').trimEnd();
    expect(readme).toContain('```bash\n' + text + '\n```');
  });

  it('names the flags that keep a failed stage from leaving the next one pending', () => {
    const submit = readFileSync(root('docs/cluster/submit.sh'), 'utf8');
    expect(submit).toContain('--dependency=afterok:$1 --kill-on-invalid-dep=yes');
  });
});
