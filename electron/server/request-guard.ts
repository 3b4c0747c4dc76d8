// Who may talk to browser mode: requests addressed to this loopback server (Host), from
// its own pages (Origin, when a browser sends one), carrying the session's random token.
// Host and Origin checks stop DNS rebinding and other sites' pages; the token stops other
// local users and programs.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_HEADER = 'x-serendip-token';
export const TOKEN_COOKIE = 'serendip_token';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export type GuardResult = { ok: true } | { ok: false; status: 401 | 403; reason: string };

function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The token a request carries: header (API calls), cookie (assets, images) or ?token= (the first page load, the
 * WebSocket).
 */
export function requestToken(request: IncomingMessage, url: URL): string | undefined {
  const header = request.headers[TOKEN_HEADER];
  return (
    (typeof header === 'string' ? header : undefined) ??
    cookieValue(request.headers.cookie, TOKEN_COOKIE) ??
    url.searchParams.get('token') ??
    undefined
  );
}

export function checkRequest(request: IncomingMessage, url: URL, port: number, token: string): GuardResult {
  const host = request.headers.host;
  if (!host || !allowedHosts(port).has(host.toLowerCase()))
    return { ok: false, status: 403, reason: 'foreign Host header' };
  const origin = request.headers.origin;
  if (origin !== undefined && !allowedHosts(port).has(origin.toLowerCase().replace(/^http:\/\//, ''))) {
    return { ok: false, status: 403, reason: 'foreign Origin header' };
  }
  if (origin !== undefined && !origin.toLowerCase().startsWith('http://'))
    return { ok: false, status: 403, reason: 'foreign Origin header' };
  if (!sameToken(requestToken(request, url), token))
    return { ok: false, status: 401, reason: 'missing or wrong token' };
  return { ok: true };
}

/** A strict policy: only this server's scripts, styles, images and sockets. */
export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' blob: data:",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "worker-src 'self' blob:",
    "font-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function tokenCookie(token: string): string {
  return `${TOKEN_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict`;
}
