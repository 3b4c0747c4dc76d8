// The browser-mode transport: POST /api/call with the session token in a header, job
// events over one WebSocket (reconnected when it drops). The token comes from the URL the
// server printed (?token=...) and is kept for this tab in sessionStorage; workspace files
// load with the HttpOnly cookie the page response set.
import type { JobEvent } from '../../../electron/core/api/view-types.js';
import { isErrorCode } from '../../../electron/core/api/contract-lists.js';
import { ApiError } from './api-error.js';
import { decodeBinaryFrame } from './binary-frame.js';
import { encodePath, type Transport } from './transport.js';

export { ApiError } from './api-error.js';

const TOKEN_KEY = 'serendip.token';
const RECONNECT_MS = 1000;

export function browserToken(): string {
  const fromUrl = new URLSearchParams(location.search).get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    // Keep the token out of the address bar, history and screenshots.
    history.replaceState(null, '', location.pathname);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export class HttpTransport implements Transport {
  readonly kind = 'http' as const;
  private readonly listeners = new Set<(event: JobEvent) => void>();
  private socket: WebSocket | null = null;

  constructor(private readonly token: string) {}

  async call(method: string, args: unknown[], options: { signal?: AbortSignal } = {}): Promise<unknown> {
    const response = await fetch('/api/call', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Serendip-Token': this.token },
      body: JSON.stringify({ method, args }),
      signal: options.signal,
    });
    if (!response.ok) {
      const body = (await response.json().catch(() => ({}))) as { error?: string; code?: unknown };
      // Transport refusals (401, 413, ...) carry no API code: a 4xx is then a bad request.
      const code = isErrorCode(body.code) ? body.code : response.status < 500 ? 'bad-request' : 'internal';
      throw new ApiError(body.error ?? `${method} failed (${response.status})`, code, response.status);
    }
    if (response.headers.get('Content-Type') === 'application/octet-stream')
      return decodeBinaryFrame(await response.arrayBuffer());
    return ((await response.json()) as { result: unknown }).result;
  }

  onJobEvent(listener: (event: JobEvent) => void): () => void {
    this.listeners.add(listener);
    this.connect();
    return () => this.listeners.delete(listener);
  }

  private connect(): void {
    if (this.socket) return;
    const socket = new WebSocket(`ws://${location.host}/api/events?token=${encodeURIComponent(this.token)}`);
    this.socket = socket;
    socket.onmessage = (message) => {
      const event = JSON.parse(String(message.data)) as JobEvent;
      for (const listener of this.listeners) listener(event);
    };
    socket.onclose = () => {
      this.socket = null;
      if (this.listeners.size) setTimeout(() => this.connect(), RECONNECT_MS);
    };
  }

  fileUrl(relativePath: string): string {
    return `/files/${encodePath(relativePath)}`;
  }
}
