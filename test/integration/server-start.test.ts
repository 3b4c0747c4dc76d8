// `npm start` where the Electron binary is absent: the demo workspace is made once in the
// user-data folder, then browser mode serves it and prints its tokened URL.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const START = join(process.cwd(), 'dist', 'electron', 'cli', 'start.js');

/** Runs start.js until it prints a URL; returns stdout, stderr and the URL, then stops it. */
async function startOnce(home: string): Promise<{ stdout: string; stderr: string; status: unknown }> {
  const env = {
    ...process.env,
    SERENDIP_HOME: home,
    SERENDIP_DEMO_OBJECTS: '20',
    SERENDIP_NO_OPEN: '1',
    SERENDIP_BROWSER_MODE: '1',
  };
  const child = spawn(process.execPath, [START], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (c) => {
      stdout += c;
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(stdout);
      if (match) resolve(match[0]);
    });
    child.on('exit', (code) => reject(new Error(`start exited with ${code}: ${stderr}`)));
  });
  const token = new URL(url).searchParams.get('token')!;
  const response = await fetch(new URL('/api/call', url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Serendip-Token': token },
    body: '{"method":"status"}',
  });
  const status = ((await response.json()) as { result: unknown }).result;
  const exit = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  expect(await exit).toBe(0);
  return { stdout, stderr, status };
}

describe('npm start without Electron', () => {
  it('creates the demo workspace once, then serves it in browser mode', async () => {
    const home = tempDir();
    const first = await startOnce(home);
    expect(first.stderr).toMatch(/Creating the demo workspace/);
    expect(first.stderr).toMatch(/starting browser mode/);
    expect(first.stdout).toMatch(/20 objects \(20 images, 0 spectra\)/);
    expect(first.status).toMatchObject({ objects: 20 });
    expect(existsSync(join(home, 'demo-workspace', 'serendip.db'))).toBe(true);
    const second = await startOnce(home);
    expect(second.stderr).not.toMatch(/Creating/);
    expect(second.status).toMatchObject({ objects: 20 });
  });
});
