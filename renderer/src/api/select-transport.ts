// Picks the transport: Electron's preload bridge when present, else browser mode's HTTP.
import { HttpTransport, browserToken } from './http-transport.js';
import { IpcTransport } from './ipc-transport.js';
import type { Transport } from './transport.js';

export function selectTransport(): Transport {
  if (window.serendip) return new IpcTransport(window.serendip);
  return new HttpTransport(browserToken());
}
