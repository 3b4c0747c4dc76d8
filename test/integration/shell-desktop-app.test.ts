// The desktop shell's wiring, run against a fake `electron` module and a real workspace:
// the window and its options, both custom schemes, the guarded IPC channel, job events,
// recent workspaces, switching workspaces (File menu and the page's chooser, both through
// the WorkspaceHub) and shutdown.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { SerendipService } from '../../electron/core/api/serendip-service.js';
import { writePngFolder } from '../helpers/png-folder.js';
import { useTempDir } from '../helpers/temp-dir.js';

const fake = await vi.hoisted(async () => (await import('../unit/main/fake-electron.js')).createFakeElectron());
vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

const { DesktopApp } = await import('../../electron/main/desktop-app.js');

const tempDir = useTempDir('serendip-shell-');
const savedHome = process.env.SERENDIP_HOME;
const savedDialog = { ...fake.electron.dialog };
const running: { shutdown(): Promise<void> }[] = [];
afterEach(async () => {
  // Jobs a test queued (ingest, embed...) stop before its folders are removed.
  while (running.length) await running.pop()!.shutdown();
  Object.assign(fake.electron.dialog, savedDialog);
  if (savedHome === undefined) delete process.env.SERENDIP_HOME;
  else process.env.SERENDIP_HOME = savedHome;
});

/** A user-data folder holding an empty workspace with one thumbnail, and a built renderer. */
async function setUp() {
  const home = tempDir();
  process.env.SERENDIP_HOME = home;
  const workspace = join(home, 'm31-field');
  SerendipService.open(workspace, { create: true }).close();
  mkdirSync(join(workspace, 'thumbs', 'ab'), { recursive: true });
  await sharp({ create: { width: 8, height: 8, channels: 3, background: '#336' } })
    .webp()
    .toFile(join(workspace, 'thumbs', 'ab', 'abc.webp'));
  writeFileSync(join(home, 'secret.json'), '{}');
  const renderer = join(home, 'renderer');
  mkdirSync(renderer);
  writeFileSync(
    join(renderer, 'index.html'),
    '<!doctype html><html><head><script type="module" src="./assets/app.js"></script></head><body></body></html>',
  );
  const desktop = new DesktopApp({ preload: '/app/dist/electron/preload/preload.cjs', renderer });
  running.push(desktop);
  await desktop.start(workspace);
  const window = fake.state.windows.at(-1)!;
  return { home, workspace, desktop, window };
}

/** What protocol.handle's handler receives; a plain object so `..` stays un-normalised. */
const request = (url: string, method = 'GET') => ({ url, method }) as Request;
const serve = (scheme: string, url: string, method?: string) =>
  fake.state.protocolHandlers.get(scheme)!(request(url, method));

/** Calls the API over IPC as the app's own page does. */
function pageCall(window: { webContents: { id: number } }) {
  const call = fake.state.ipcHandlers.get('serendip:call')!;
  const fromApp = { sender: window.webContents, senderFrame: { url: 'app://serendip/index.html', parent: null } };
  return (method: string, args: unknown[] = []) =>
    call(fromApp, method, args) as Promise<{ ok: boolean; value?: { jobId?: string }; error?: { message: string } }>;
}

/** Clicks File > `label` in the newest application menu. */
function clickFileMenu(label: string): void {
  const menu = fake.state.menuTemplates.at(-1) as MenuItemConstructorOptions[];
  const file = menu.find((m) => m.label === 'File')!.submenu as MenuItemConstructorOptions[];
  const item = file.find((m) => m.label === label)!;
  (item.click as () => void)();
}

/** The native dialogs answer with these; error boxes are recorded. */
function answerDialogs(answers: { open?: string[]; save?: string }): string[] {
  const errors: string[] = [];
  const opens = [...(answers.open ?? [])];
  fake.electron.dialog.showOpenDialog = async () =>
    (opens.length ? { canceled: false, filePaths: [opens.shift()!] } : { canceled: true, filePaths: [] }) as never;
  fake.electron.dialog.showSaveDialog = async () =>
    (answers.save ? { canceled: false, filePath: answers.save } : { canceled: true }) as never;
  fake.electron.dialog.showMessageBox = async (...args: unknown[]) => {
    const options = args.at(-1) as { type?: string; message: string; detail?: string };
    if (options.type === 'error') errors.push(`${options.message}: ${options.detail}`);
    return { response: 0 };
  };
  return errors;
}

describe('desktop shell', () => {
  it('opens one secure window on the packaged renderer, titled by the workspace', async () => {
    const { window } = await setUp();
    expect(window.loaded).toEqual(['app://serendip/index.html']);
    expect(window.title).toBe('Serendip — m31-field');
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools: true,
    });
    expect(window.options.webPreferences?.preload).toBe('/app/dist/electron/preload/preload.cjs');
  });

  it('denies every permission request and check', async () => {
    await setUp();
    const answers: boolean[] = [];
    fake.state.sessionHandlers.get('request')!(null, 'media', (granted: boolean) => answers.push(granted));
    expect(answers).toEqual([false]);
    expect(fake.state.sessionHandlers.get('check')!(null, 'clipboard-read')).toBe(false);
  });

  it('serves the renderer with the CSP in the header and the document', async () => {
    await setUp();
    const page = await serve('app', 'app://serendip/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toMatch(/<head><meta http-equiv="Content-Security-Policy"/);
    expect((await serve('app', 'app://serendip/../secret.json')).status).toBe(403);
  });

  it('serves workspace thumbnails to the app origin and refuses the rest', async () => {
    await setUp();
    const thumb = await serve('serendip-file', 'serendip-file://workspace/thumbs/ab/abc.webp');
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    expect(thumb.headers.get('access-control-allow-origin')).toBe('app://serendip');
    expect((await sharp(Buffer.from(await thumb.arrayBuffer())).metadata()).format).toBe('webp');
    for (const path of ['../secret.json', '%2e%2e/secret.json', '..%2fsecret.json', 'serendip.db']) {
      expect((await serve('serendip-file', `serendip-file://workspace/${path}`)).status, path).toBe(403);
    }
    // A folder: refused by its (missing) type before the file system is asked.
    expect((await serve('serendip-file', 'serendip-file://workspace/thumbs')).status).toBe(403);
    expect((await serve('serendip-file', 'serendip-file://workspace/thumbs/ab/missing.webp')).status).toBe(404);
    expect((await serve('serendip-file', 'serendip-file://workspace/thumbs/ab/abc.webp', 'POST')).status).toBe(405);
  });

  it('answers API calls from its own window only, validating the arguments', async () => {
    const { window } = await setUp();
    const call = fake.state.ipcHandlers.get('serendip:call')!;
    const fromApp = { sender: window.webContents, senderFrame: { url: 'app://serendip/index.html', parent: null } };
    expect(await call(fromApp, 'status', [])).toMatchObject({ ok: true, value: { objects: 0 } });
    expect(await call(fromApp, 'top', ['ten'])).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('invalid arguments for top') },
    });
    expect(await call(fromApp, 'close', [])).toMatchObject({ ok: false, error: { name: 'IpcRefused' } });
    const stranger = { sender: { id: -1 }, senderFrame: { url: 'app://serendip/index.html', parent: null } };
    expect(await call(stranger, 'status', [])).toMatchObject({ ok: false, error: { name: 'IpcRefused' } });
    const iframe = { ...fromApp, senderFrame: { url: 'app://serendip/index.html', parent: {} } };
    expect(await call(iframe, 'status', [])).toMatchObject({ ok: false, error: { name: 'IpcRefused' } });
  });

  it('starts job methods as jobs and pushes their events to the window', async () => {
    const { window } = await setUp();
    const call = fake.state.ipcHandlers.get('serendip:call')!;
    const fromApp = { sender: window.webContents, senderFrame: { url: 'app://serendip/index.html', parent: null } };
    const reply = (await call(fromApp, 'rank', [{}])) as { ok: true; value: { jobId: string } };
    expect(reply.value?.jobId).toMatch(/^job-/);
    await vi.waitFor(() => {
      const finished = window.webContents.sent.find(
        (m) => m.channel === 'serendip:job-event' && (m.payload as { type: string }).type === 'finished',
      );
      // An empty workspace has no embedding to rank: the job fails, with its reason.
      expect(finished?.payload).toMatchObject({ job: { id: reply.value?.jobId, method: 'rank', state: 'failed' } });
    });
  });

  it("answers the page's workspace chooser via the hub: recent list, switching, title, job events follow", async () => {
    const { home, workspace, window } = await setUp();
    const second = join(home, 'ngc-field');
    SerendipService.open(second, { create: true }).close();
    const call = pageCall(window);
    const recent = await call('recentWorkspaces');
    expect(recent.value).toMatchObject([{ path: workspace, current: true, available: true }]);
    const opened = await call('openWorkspace', [{ path: second }]);
    expect(opened).toMatchObject({ ok: true, value: { root: second, name: 'ngc-field', jobIds: [] } });
    expect(window.title).toBe('Serendip — ngc-field');
    expect((await call('workspaceInfo')).value).toEqual({ root: second, name: 'ngc-field' });
    expect(
      ((await call('recentWorkspaces')).value as { path: string; current: boolean }[]).map((w) => [w.path, w.current]),
    ).toEqual([
      [second, true],
      [workspace, false],
    ]);
    // The File menu's recent list follows too.
    const menu = fake.state.menuTemplates.at(-1) as MenuItemConstructorOptions[];
    const file = menu.find((m) => m.label === 'File')!.submenu as MenuItemConstructorOptions[];
    const recentMenu = file.find((m) => m.label === 'Recent workspaces')!.submenu as MenuItemConstructorOptions[];
    expect(recentMenu.slice(0, 2).map((m) => m.label)).toEqual(['ngc-field', 'm31-field']);
    // Jobs of the workspace open now reach the window.
    const job = await call('rank', [{}]);
    await vi.waitFor(() => {
      const finished = window.webContents.sent.find(
        (m) =>
          (m.payload as { type: string; job: { id: string } }).job?.id === job.value?.jobId &&
          (m.payload as { type: string }).type === 'finished',
      );
      expect(finished).toBeDefined();
    });
    // The page switched by itself: no reload.
    expect(window.webContents.reloads).toBe(0);
    expect((await call('openWorkspace', [{ path: join(home, 'renderer') }])).error?.message).toContain(
      'is not a Serendip workspace',
    );
    expect(window.title).toBe('Serendip — ngc-field');
  });

  it('opens a workspace from the File menu via the hub and reloads; a non-workspace gets an error box', async () => {
    const { home, window } = await setUp();
    const other = join(home, 'other-field');
    SerendipService.open(other, { create: true }).close();
    const errors = answerDialogs({ open: [join(home, 'renderer'), other] });
    clickFileMenu('Open workspace…');
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    expect(errors[0]).toMatch(/^Could not open .*renderer: .*is not a Serendip workspace/);
    expect(window.title).toBe('Serendip — m31-field');
    expect(window.webContents.reloads).toBe(0);
    clickFileMenu('Open workspace…');
    await vi.waitFor(() => expect(window.webContents.reloads).toBe(1));
    expect(window.title).toBe('Serendip — other-field');
    expect((await pageCall(window)('workspaceInfo')).value).toEqual({ root: other, name: 'other-field' });
  });

  it('makes a workspace from a folder through the hub, refusing one inside the folder', async () => {
    const { home, window } = await setUp();
    const pngs = join(home, 'galaxies');
    await writePngFolder(pngs, 3);
    let errors = answerDialogs({ open: [pngs], save: join(pngs, 'inside') });
    clickFileMenu('New workspace from folder…');
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    expect(errors[0]).toContain('cannot be inside the folder it ingests');
    expect(window.title).toBe('Serendip — m31-field');
    errors = answerDialogs({ open: [pngs], save: join(home, 'galaxies-serendip') });
    clickFileMenu('New workspace from folder…');
    await vi.waitFor(() => expect(window.title).toBe('Serendip — galaxies-serendip'));
    expect(errors).toEqual([]);
    expect(window.webContents.reloads).toBe(1);
    // Its ingest was queued as a job, and its events reach the window.
    await vi.waitFor(() => {
      const methods = window.webContents.sent.map((m) => (m.payload as { job?: { method: string } }).job?.method);
      expect(methods).toContain('ingest');
    });
  });

  it('remembers the workspace and closes it on shutdown', async () => {
    const { home, workspace, desktop, window } = await setUp();
    const recent = JSON.parse(readFileSync(join(home, 'recent-workspaces.json'), 'utf8')) as {
      workspaces: { path: string }[];
    };
    expect(recent.workspaces.map((w) => w.path)).toEqual([workspace]);
    await desktop.shutdown();
    const call = fake.state.ipcHandlers.get('serendip:call')!;
    const fromApp = { sender: window.webContents, senderFrame: { url: 'app://serendip/index.html', parent: null } };
    expect(await call(fromApp, 'status', [])).toMatchObject({ ok: false, error: { message: 'no workspace is open' } });
  });
});
