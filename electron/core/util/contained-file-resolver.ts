// Maps a URL path to a file that is really inside a root folder, or says why not. Used by
// the desktop app's two custom schemes (workspace files, where symlinks and odd names
// happen, and the packaged renderer) and by browser mode's /files/ route.
//
// Order matters: everything decidable from the string alone (encoding, dot segments,
// absolute paths, extension) is refused before the file system is touched; then realpath
// catches symlinks that lead out (except through folders the caller names as links made on
// purpose), and stat refuses folders, devices and sockets.
import fs from 'node:fs';
import path from 'node:path';
import { contentTypeOf } from './content-types.js';

export type FileRefusal =
  'malformed' | 'traversal' | 'absolute' | 'unsupported-type' | 'outside' | 'not-found' | 'not-a-file';

export type ResolvedFile =
  { ok: true; file: string; contentType: string; size: number } | { ok: false; refusal: FileRefusal; reason: string };

/** Longest URL path considered; real workspace paths are far shorter. */
const MAX_PATH_LENGTH = 4096;

function refuse(refusal: FileRefusal, reason: string): ResolvedFile {
  return { ok: false, refusal, reason };
}

/** True when `child` is `parent` itself or lies below it (both absolute and normalised). */
function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Decodes `encodedPath` (the part of the URL after `origin/`, still percent-encoded) into
 * path segments, refusing anything that could step out of the root before it is joined.
 */
export function decodePathSegments(encodedPath: string): string[] | ResolvedFile {
  if (encodedPath.length === 0) return refuse('not-a-file', 'empty path');
  if (encodedPath.length > MAX_PATH_LENGTH) return refuse('malformed', 'path too long');
  // An encoded separator is never produced by the app (it encodes per segment), only by an attack.
  if (/%2f|%5c/i.test(encodedPath)) return refuse('traversal', 'encoded path separator');
  if (encodedPath.startsWith('/') || encodedPath.startsWith('\\')) return refuse('absolute', 'absolute path');
  const segments: string[] = [];
  for (const raw of encodedPath.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return refuse('malformed', 'invalid percent-encoding');
    }
    if (segment === '..' || segment === '.') return refuse('traversal', 'dot segment');
    if (segment === '') return refuse('malformed', 'empty path segment');
    if (/[\\/\0]/.test(segment)) return refuse('traversal', 'separator or NUL inside a segment');
    if (segments.length === 0 && /^[a-zA-Z]:/.test(segment)) return refuse('absolute', 'drive-letter path');
    segments.push(segment);
  }
  return segments;
}

export interface ContainmentOptions {
  /**
   * Folders (relative to the root, '/'-separated) that are links the root's owner made on purpose, whose
   * targets may be served through them: a merged workspace's links to its shards' thumbnails. Asked only
   * when a file's real path is outside the root.
   */
  linkedFolders?: (root: string) => readonly string[];
}

/** Whether the file reached by `segments` lies, through one of `folders`, inside that folder's real target. */
async function insideLinkedFolder(
  root: string,
  segments: readonly string[],
  realFile: string,
  folders: readonly string[],
): Promise<boolean> {
  for (const folder of folders) {
    const parts = folder.split('/');
    if (parts.length >= segments.length || parts.some((p, i) => p !== segments[i])) continue;
    try {
      if (isInside(await fs.promises.realpath(path.join(root, ...parts)), realFile)) return true;
    } catch {
      // A dangling link serves nothing.
    }
  }
  return false;
}

/** Resolves `encodedPath` under `root`, serving only regular files whose type is in `contentTypes`. */
export async function resolveContainedFile(
  root: string,
  encodedPath: string,
  contentTypes: Readonly<Record<string, string>>,
  options: ContainmentOptions = {},
): Promise<ResolvedFile> {
  const segments = decodePathSegments(encodedPath);
  if (!Array.isArray(segments)) return segments;
  const lexicalRoot = path.resolve(root);
  const candidate = path.resolve(lexicalRoot, ...segments);
  if (!isInside(lexicalRoot, candidate) || candidate === lexicalRoot)
    return refuse('traversal', 'resolves outside the root');
  const contentType = contentTypeOf(candidate, contentTypes);
  if (!contentType) return refuse('unsupported-type', `files of this type are not served: ${path.basename(candidate)}`);

  // fs.promises is read at call time: Electron patches it for asar archives (the packaged renderer).
  let realRoot: string;
  let realFile: string;
  try {
    realRoot = await fs.promises.realpath(lexicalRoot);
    realFile = await fs.promises.realpath(candidate);
  } catch {
    return refuse('not-found', 'no such file');
  }
  if (realFile === realRoot) return refuse('outside', 'a symbolic link leads outside the root');
  if (!isInside(realRoot, realFile)) {
    const folders = options.linkedFolders?.(lexicalRoot) ?? [];
    if (!(await insideLinkedFolder(lexicalRoot, segments, realFile, folders)))
      return refuse('outside', 'a symbolic link leads outside the root');
  }
  let stats: fs.Stats;
  try {
    stats = await fs.promises.stat(realFile);
  } catch {
    return refuse('not-found', 'no such file');
  }
  if (!stats.isFile()) return refuse('not-a-file', 'not a regular file');
  return { ok: true, file: realFile, contentType, size: stats.size };
}
