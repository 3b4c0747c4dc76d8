// Which shard a task ingests: by hand, from a Slurm array (less its first index), or from a
// Kubernetes Indexed Job; a count that differs from the plan's is refused with the fix.
import { describe, expect, it } from 'vitest';
import { parseShardChoice, resolveShard } from '../../../electron/core/shards/shard-choice.js';

describe('parseShardChoice', () => {
  it('reads i/n and auto, and refuses the rest', () => {
    expect(parseShardChoice('3/16')).toEqual({ kind: 'given', index: 3, count: 16 });
    expect(parseShardChoice('auto')).toEqual({ kind: 'auto' });
    expect(() => parseShardChoice('16/16')).toThrow(/0 to 15/);
    expect(() => parseShardChoice('3')).toThrow(/i\/n/);
  });
});

describe('resolveShard', () => {
  it('takes the Slurm task id less the array minimum', () => {
    const env = { SLURM_ARRAY_TASK_ID: '7', SLURM_ARRAY_TASK_MIN: '4', SLURM_ARRAY_TASK_COUNT: '8' };
    expect(resolveShard({ kind: 'auto' }, 8, env)).toMatchObject({ index: 3, count: 8 });
  });

  it('takes a Kubernetes completion index', () => {
    expect(resolveShard({ kind: 'auto' }, 4, { JOB_COMPLETION_INDEX: '2' })).toMatchObject({ index: 2 });
    expect(() => resolveShard({ kind: 'auto' }, 4, { JOB_COMPLETION_INDEX: '4' })).toThrow(/plan has 0–3/);
  });

  it('refuses an array of another size, a count that differs from the plan, and no array at all', () => {
    const env = { SLURM_ARRAY_TASK_ID: '0', SLURM_ARRAY_TASK_COUNT: '3' };
    expect(() => resolveShard({ kind: 'auto' }, 4, env)).toThrow(/--array=0-3/);
    expect(() => resolveShard({ kind: 'given', index: 1, count: 5 }, 4)).toThrow(/5 tasks but the plan has 4/);
    expect(() => resolveShard({ kind: 'auto' }, 4, {})).toThrow(/needs a job array/);
  });
});
