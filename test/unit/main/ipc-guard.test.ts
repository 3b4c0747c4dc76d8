import { describe, expect, it } from 'vitest';
import { checkIpcCall, type IpcSender } from '../../../electron/main/ipc-guard.js';

const trusted = { webContentsId: 7 };
const fromApp: IpcSender = { webContentsId: 7, frameUrl: 'app://serendip/index.html', isMainFrame: true };

describe('IPC guard', () => {
  it('allows the app window calling a known method with an argument array', () => {
    expect(checkIpcCall(fromApp, trusted, 'status', [])).toEqual({ allowed: true, method: 'status', args: [] });
    expect(
      checkIpcCall({ ...fromApp, frameUrl: 'app://serendip/index.html#/queue' }, trusted, 'top', [5]).allowed,
    ).toBe(true);
  });

  it('refuses other windows and calls while there is no app window', () => {
    expect(checkIpcCall({ ...fromApp, webContentsId: 8 }, trusted, 'status', []).allowed).toBe(false);
    expect(checkIpcCall(fromApp, null, 'status', []).allowed).toBe(false);
  });

  it('refuses iframes and destroyed frames', () => {
    expect(checkIpcCall({ ...fromApp, isMainFrame: false }, trusted, 'status', []).allowed).toBe(false);
    expect(checkIpcCall({ ...fromApp, frameUrl: null }, trusted, 'status', []).allowed).toBe(false);
  });

  it('refuses pages from any other origin', () => {
    for (const url of [
      'https://evil.example/index.html',
      'file:///tmp/index.html',
      'serendip-file://workspace/thumbs/a.webp',
      'app://serendip.evil/index.html',
      'app://other/index.html',
      'app://serendip',
      'about:blank',
      'data:text/html,<script></script>',
    ]) {
      expect(checkIpcCall({ ...fromApp, frameUrl: url }, trusted, 'status', []), url).toMatchObject({ allowed: false });
    }
  });

  it('refuses unknown methods and non-array arguments', () => {
    for (const method of ['close', 'constructor', '__proto__', 'toString', '', 42, null]) {
      expect(checkIpcCall(fromApp, trusted, method, []).allowed, String(method)).toBe(false);
    }
    expect(checkIpcCall(fromApp, trusted, 'status', { 0: 1 }).allowed).toBe(false);
    expect(checkIpcCall(fromApp, trusted, 'status', undefined).allowed).toBe(false);
  });
});
