// `serendip serve`: prints the tokened URL as its one stdout line, serves, stops on SIGTERM.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI_PATH, runCli } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

describe('serendip serve', () => {
  it('prints http://127.0.0.1:PORT/?token=..., answers with the token, exits cleanly on SIGTERM', async () => {
    const ws = tempDir();
    expect(runCli(['demo', ws, '--objects', '8']).status).toBe(0);
    const child = spawn(process.execPath, [CLI_PATH, 'serve', ws, '--port', '0'], {
      env: { ...process.env, SERENDIP_HOME: tempDir() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
        if (out.includes('\n')) resolve(out.split('\n')[0]);
      });
      child.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    });
    const match = /^http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]{32,})$/.exec(url);
    expect(match).not.toBeNull();
    const [, port, token] = match!;
    const call = (headers: Record<string, string>) =>
      fetch(`http://127.0.0.1:${port}/api/call`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: '{"method":"status"}',
      });
    expect((await call({})).status).toBe(401);
    const ok = await call({ 'X-Serendip-Token': token });
    expect(((await ok.json()) as { result: { objects: number } }).result.objects).toBe(8);
    const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });
});
