import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, withCspMeta } from '../../../electron/main/content-security-policy.js';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...sources]) => [name, sources]),
  );
}

describe('content security policy', () => {
  const policy = directives(contentSecurityPolicy());

  it('denies by default and never allows eval or inline script', () => {
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(contentSecurityPolicy()).not.toMatch(/unsafe-eval|unsafe-inline|wasm-unsafe-eval|\*/);
  });

  it('lets the page reach only itself and the workspace-file scheme', () => {
    expect(policy.get('connect-src')).toEqual(["'self'", 'serendip-file:']);
    expect(contentSecurityPolicy()).not.toMatch(/https?:|wss?:/);
  });

  it('allows what deck.gl and loaders.gl need: blob images and blob workers', () => {
    expect(policy.get('img-src')).toEqual(expect.arrayContaining(["'self'", 'serendip-file:', 'blob:']));
    expect(policy.get('worker-src')).toEqual(["'self'", 'blob:']);
  });

  it('forbids plugins, frames, base rewriting and form posts', () => {
    for (const name of ['object-src', 'frame-src', 'base-uri', 'form-action', 'frame-ancestors'])
      expect(policy.get(name), name).toEqual(["'none'"]);
  });

  it('puts a meta copy first in the document head, without header-only directives', () => {
    const html = withCspMeta(
      '<!doctype html><html><head lang="en"><script type="module" src="/assets/index.js"></script></head></html>',
    );
    const meta = /<head lang="en"><meta http-equiv="Content-Security-Policy" content="([^"]+)"><script/.exec(html);
    expect(meta).not.toBeNull();
    expect(meta![1]).toContain("script-src 'self'");
    expect(meta![1]).not.toContain('frame-ancestors');
  });
});
