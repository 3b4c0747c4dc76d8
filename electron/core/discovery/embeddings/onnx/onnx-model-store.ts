// Keeps every ONNX model a run used inside the workspace, at models/onnx/<sha256>.onnx, so
// the run can be reproduced after the original file moves or changes, and the workspace can
// be copied to another machine. Beside it, <sha256>.json records its provenance: size, hash,
// and each import's original path and time. The same bytes imported twice are stored once.
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  createReadStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { writeFileAtomicSync } from '../../../util/atomic-write.js';
import type { Workspace } from '../../../workspace/workspace.js';

export const ONNX_MODELS_FOLDER = 'onnx';

export interface OnnxModelImport {
  original_path: string;
  imported_at: string;
}

export interface OnnxModelProvenance {
  sha256: string;
  size: number;
  /** The file name it was first imported under. */
  file_name: string;
  imports: OnnxModelImport[];
}

export interface StoredOnnxModel {
  sha256: string;
  size: number;
  fileName: string;
  /** Absolute path of the workspace's copy. */
  path: string;
  /** The same, relative to the workspace root (what runs record). */
  relativePath: string;
  provenance: OnnxModelProvenance;
  /** Whether this import put the bytes there (false: the workspace already held them). */
  created: boolean;
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Copied under a temporary name, then renamed, like every workspace file (util/atomic-write.ts). */
function copyAtomically(from: string, to: string): void {
  const tmp = join(dirname(to), `.${basename(to)}.${process.pid}.tmp`);
  copyFileSync(from, tmp);
  renameSync(tmp, to);
}

/** Copies `source` into the workspace (unless those bytes are there already) and records this import. */
export async function importOnnxModel(workspace: Workspace, source: string): Promise<StoredOnnxModel> {
  const original = resolve(source);
  if (!existsSync(original)) throw new Error(`no ONNX model at ${source}`);
  const stat = statSync(original);
  if (!stat.isFile()) throw new Error(`${source} is not a file`);
  const sha256 = await sha256Of(original);
  const folder = join(workspace.paths.models, ONNX_MODELS_FOLDER);
  mkdirSync(folder, { recursive: true });
  const path = join(folder, `${sha256}.onnx`);
  const provenancePath = join(folder, `${sha256}.json`);
  const created = !existsSync(path);
  if (created) copyAtomically(original, path);
  const provenance: OnnxModelProvenance = existsSync(provenancePath)
    ? (JSON.parse(readFileSync(provenancePath, 'utf8')) as OnnxModelProvenance)
    : { sha256, size: stat.size, file_name: basename(original), imports: [] };
  provenance.imports.push({ original_path: original, imported_at: new Date().toISOString() });
  writeFileAtomicSync(provenancePath, `${JSON.stringify(provenance, null, 2)}\n`);
  return {
    sha256,
    size: stat.size,
    fileName: basename(original),
    path,
    relativePath: `models/${ONNX_MODELS_FOLDER}/${sha256}.onnx`,
    provenance,
    created,
  };
}

/** Undoes an import that brought new bytes (a model refused before any run used it). */
export function forgetOnnxModel(stored: StoredOnnxModel): void {
  if (!stored.created) return;
  rmSync(stored.path, { force: true });
  rmSync(stored.path.replace(/\.onnx$/, '.json'), { force: true });
}
