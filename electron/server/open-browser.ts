// Opens a URL in the user's browser when there is a desktop to open it on. Never fails:
// without a display or an opener the printed URL is enough. No shell is involved anywhere:
// the URL is one argument of the platform's opener (Windows' url.dll handler rather than
// `cmd /c start`, which would parse it).
import { spawn } from 'node:child_process';

export function openInBrowser(url: string): boolean {
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return false;
  const [command, args] = openerCommand(url, process.platform);
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
    return true;
  } catch {
    return false;
  }
}

/** The program and its arguments that open `url` on `platform`. */
export function openerCommand(url: string, platform: NodeJS.Platform): [string, string[]] {
  if (platform === 'darwin') return ['open', [url]];
  if (platform === 'win32') return ['rundll32', ['url.dll,FileProtocolHandler', url]];
  return ['xdg-open', [url]];
}
