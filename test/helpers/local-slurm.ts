// The real Slurm the scale-out tests submit to (test/slurm/local-slurm.sh starts a one-node
// cluster; CI starts it before the tests). Tests skip with a message where none answers,
// except under CI, where a missing Slurm is a failure rather than a silent skip.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI_PATH } from './run-cli.js';

export function slurmAnswers(): boolean {
  const probe = spawnSync('sinfo', ['-h', '-o', '%T'], { encoding: 'utf8', timeout: 10_000 });
  const up = probe.status === 0 && /idle|mixed|allocated/.test(probe.stdout);
  if (!up && process.env.CI) throw new Error('CI needs Slurm: run test/slurm/local-slurm.sh start first');
  if (!up) console.warn('Slurm tests skipped: no Slurm answers (start one with test/slurm/local-slurm.sh start)');
  return up;
}

/** A folder holding a `serendip` command that runs the built CLI, for job scripts' PATH. */
export function serendipOnPath(dir: string): string {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'serendip'), `#!/bin/sh\nexec "${process.execPath}" "${CLI_PATH}" "$@"\n`);
  chmodSync(join(bin, 'serendip'), 0o755);
  return bin;
}

export interface JobState {
  /** The job id, or <array job>_<task> for an array task. */
  id: string;
  state: string;
  reason: string;
}

/** Waits until none of `jobs` is queued or running, then says how each ended (scontrol keeps finished jobs a while). */
export async function waitForJobs(jobs: string[], timeoutMs = 600_000): Promise<JobState[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const queue = spawnSync('squeue', ['-h', '-o', '%A %T', '-j', jobs.join(',')], { encoding: 'utf8' });
    const active = queue.stdout.split('\n').filter((line) => /PENDING|RUNNING|CONFIGURING|COMPLETING/.test(line));
    if (active.length === 0) break;
    if (Date.now() > deadline) throw new Error(`Slurm jobs still active after ${timeoutMs / 1000} s:\n${queue.stdout}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return jobs.flatMap((job) => {
    const shown = spawnSync('scontrol', ['show', 'job', '-o', job], { encoding: 'utf8' }).stdout;
    return shown
      .split('\n')
      .filter((line) => line.includes('JobId='))
      .map((line) => ({
        id: /ArrayTaskId=(\d+)/.test(line)
          ? `${/ArrayJobId=(\d+)/.exec(line)?.[1]}_${/ArrayTaskId=(\d+)/.exec(line)?.[1]}`
          : (/JobId=(\S+)/.exec(line)?.[1] ?? job),
        state: /JobState=(\S+)/.exec(line)?.[1] ?? 'UNKNOWN',
        reason: /Reason=(\S+)/.exec(line)?.[1] ?? '',
      }));
  });
}
