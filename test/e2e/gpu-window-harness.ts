// The desktop app's GPU window without Electron: the built trainer page (dist/renderer/trainer.html)
// served as the app serves it (same CSP, in the header and the document), opened in Debian's
// Chromium, and a ModelTaskPage whose channels reach the page through Playwright. The page gets
// each task's port as a message to its own window, exactly as the app's preload hands it over.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { RENDERER_CONTENT_TYPES } from '../../electron/core/util/content-types.js';
import { resolveContainedFile } from '../../electron/core/util/contained-file-resolver.js';
import { contentSecurityPolicy, withCspMeta } from '../../electron/main/content-security-policy.js';
import { defaultRendererDir } from '../../electron/server/static-files.js';
import {
  MODEL_TASK_PORT_MESSAGE,
  type HostMessage,
  type PageMessage,
} from '../../electron/core/discovery/embeddings/learned/model-job-protocol.js';
import type { ModelTaskPage, PageChannel } from '../../electron/core/discovery/embeddings/learned/model-task-host.js';
import { CHROMIUM, CHROMIUM_ARGS } from './browser-harness.js';

export const TRAINER_PAGE = join(defaultRendererDir(), 'trainer.html');

/** dist/renderer on 127.0.0.1 (a secure context, as app:// is), every answer with the app's CSP. */
async function serveRenderer(): Promise<{ url: string; close(): Promise<void> }> {
  const root = defaultRendererDir();
  const server: Server = createServer((request, response) => {
    void (async () => {
      const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname.slice(1);
      const resolved = await resolveContainedFile(root, path, RENDERER_CONTENT_TYPES);
      if (!resolved.ok) return response.writeHead(404).end();
      let body: Buffer = await readFile(resolved.file);
      if (resolved.contentType.startsWith('text/html')) body = Buffer.from(withCspMeta(body.toString('utf8')));
      response.writeHead(200, {
        'Content-Type': resolved.contentType,
        'Content-Security-Policy': contentSecurityPolicy(),
      });
      response.end(body);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** What a test sees of the page: its channels' traffic, by channel. */
export interface GpuWindowUnderTest {
  page: Page;
  tasks: ModelTaskPage;
  /** Every page message's type, per channel opened, in order. */
  traffic: PageMessage['type'][][];
  /** Messages the page logged to its console (errors and CSP reports show here). */
  console: string[];
  close(): Promise<void>;
}

/** The page's window as the bridge uses it (this project compiles tests without the DOM's types). */
interface PagePort {
  postMessage(message: unknown): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  close(): void;
}
interface BridgeWindow {
  __serendipPorts?: Map<number, PagePort>;
  __serendipToHost(id: number, message: unknown): void;
  MessageChannel: new () => { port1: PagePort; port2: PagePort };
  location: { origin: string };
  postMessage(message: unknown, targetOrigin: string, transfer: PagePort[]): void;
}

export async function openGpuWindow(extraArgs: string[]): Promise<GpuWindowUnderTest> {
  const server = await serveRenderer();
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...extraArgs] });
    const page = await browser.newPage();
    const consoleLines: string[] = [];
    page.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => consoleLines.push(`pageerror: ${error.message}`));
    const listeners = new Map<number, (message: unknown) => void>();
    await page.exposeBinding('__serendipToHost', (_source, id: number, message: unknown) =>
      listeners.get(id)?.(message),
    );
    await page.goto(`${server.url}/trainer.html`);
    const traffic: PageMessage['type'][][] = [];

    const tasks: ModelTaskPage = {
      async open(): Promise<PageChannel> {
        const id = traffic.length;
        const seen: PageMessage['type'][] = [];
        traffic.push(seen);
        let deliver: ((message: PageMessage) => void) | null = null;
        const early: PageMessage[] = [];
        listeners.set(id, (message) => {
          seen.push((message as PageMessage).type);
          if (deliver) deliver(message as PageMessage);
          else early.push(message as PageMessage);
        });
        // Runs in the page: a channel whose far end the page receives as the preload would post it.
        await page.evaluate(
          ({ id, tag }) => {
            const bridge = globalThis as unknown as BridgeWindow;
            bridge.__serendipPorts ??= new Map();
            const channel = new bridge.MessageChannel();
            bridge.__serendipPorts.set(id, channel.port1);
            channel.port1.onmessage = (event) => bridge.__serendipToHost(id, event.data);
            bridge.postMessage(tag, bridge.location.origin, [channel.port2]);
          },
          { id, tag: MODEL_TASK_PORT_MESSAGE },
        );
        // One evaluate at a time, so the page receives the host's messages in order.
        let sending = Promise.resolve();
        return {
          post(message: HostMessage) {
            sending = sending
              .then(() =>
                page.evaluate(
                  ({ id, message }) =>
                    (globalThis as unknown as BridgeWindow).__serendipPorts?.get(id)?.postMessage(message),
                  { id, message },
                ),
              )
              .catch((error: unknown) => void consoleLines.push(`error: the bridge failed to post: ${String(error)}`));
          },
          onMessage(listener) {
            deliver = listener;
            for (const message of early.splice(0)) listener(message);
          },
          onClose() {},
          close() {
            listeners.delete(id);
            sending = sending
              .then(() =>
                page.evaluate((id) => {
                  const ports = (globalThis as unknown as BridgeWindow).__serendipPorts;
                  ports?.get(id)?.close();
                  ports?.delete(id);
                }, id),
              )
              .catch(() => undefined);
          },
        };
      },
    };

    const opened = browser;
    return {
      page,
      tasks,
      traffic,
      console: consoleLines,
      async close() {
        await opened.close().catch(() => undefined);
        await server.close();
      },
    };
  } catch (error) {
    await browser?.close().catch(() => undefined);
    await server.close();
    throw error;
  }
}
