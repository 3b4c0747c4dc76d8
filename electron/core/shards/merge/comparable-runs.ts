// Which runs of a shard can be merged with other shards' runs: only those a fixed model made, so
// that vectors, scores and coordinates from different shards mean the same thing. A run's merge key
// is its kind, method and modality, the hash of its model (an ONNX file, a fitted file, an
// imported file), and the key of the run it was made from. A PCA fitted on one shard, a learned
// model trained there or a plain UMAP has no such identity: it is not carried.
import { runParams, type RunRow } from '../../workspace/repositories/runs-repo.js';

export interface ComparableRun {
  run: RunRow;
  /** The merge key: runs of two shards with one key are merged into one run. */
  key: string;
  /** The key without the models' hashes: two runs of one family with different keys used different models. */
  family: string;
  /** For messages: "onnx embedding (model 1a2b3c4d5e6f)". */
  title: string;
  parentKey: string | null;
  /** 0 for a run without a parent, else its parent's depth + 1 (parents are written first). */
  depth: number;
}

export interface NotCarried {
  run: RunRow;
  reason: string;
}

export interface ShardRuns {
  /** The run carried for each key (the newest, when a shard ran one model twice). */
  byKey: Map<string, ComparableRun>;
  notCarried: NotCarried[];
}

function sha(value: unknown): string | null {
  return typeof value === 'string' && /^[0-9a-f]{16,}$/i.test(value) ? value.toLowerCase() : null;
}

/** What fixes a run's values: "model <sha>", "<fitted kind> <sha>" or "file <sha>"; null when nothing does. */
export function modelIdentity(run: RunRow): string | null {
  const params = runParams(run);
  const fitted = params.fitted as { kind?: unknown; sha256?: unknown } | undefined;
  if (fitted && typeof fitted.kind === 'string' && sha(fitted.sha256)) return `${fitted.kind} ${sha(fitted.sha256)}`;
  const model = params.model as { sha256?: unknown } | undefined;
  if (run.method === 'onnx' && sha(model?.sha256)) return `model ${sha(model?.sha256)}`;
  if (run.method === 'imported' && sha(params.sha256)) return `file ${sha(params.sha256)}`;
  return null;
}

function shortIdentity(identity: string): string {
  const space = identity.lastIndexOf(' ');
  return `${identity.slice(0, space)} ${identity.slice(space + 1, space + 13)}`;
}

/** Sorts a shard's finished runs (ingest runs aside) into the comparable ones and the rest, with reasons. */
export function sortShardRuns(runs: readonly RunRow[]): ShardRuns {
  const byId = new Map(runs.map((r) => [r.id, r]));
  const done = runs.filter((r) => r.kind !== 'ingest' && r.status === 'done');
  const identified = new Map<string, ComparableRun | null>();

  const identify = (run: RunRow, seen: Set<string>): ComparableRun | null => {
    if (identified.has(run.id)) return identified.get(run.id)!;
    const identity = modelIdentity(run);
    let result: ComparableRun | null = null;
    if (identity && !seen.has(run.id)) {
      const parentRow = run.parent_run ? byId.get(run.parent_run) : undefined;
      const parent = parentRow && parentRow.status === 'done' ? identify(parentRow, new Set([...seen, run.id])) : null;
      if (!run.parent_run || parent) {
        const own = `${run.kind}/${run.method}/${run.modality ?? 'any'}`;
        result = {
          run,
          key: `${own} ${identity}${parent ? ` of ${parent.key}` : ''}`,
          family: `${own}${parent ? ` of ${parent.family}` : ''}`,
          title: `${run.method} ${run.kind} (${shortIdentity(identity)})${parent ? ` of the ${parent.title}` : ''}`,
          parentKey: parent?.key ?? null,
          depth: parent ? parent.depth + 1 : 0,
        };
      }
    }
    identified.set(run.id, result);
    return result;
  };

  const byKey = new Map<string, ComparableRun>();
  const notCarried: NotCarried[] = [];
  for (const run of done) {
    const comparable = identify(run, new Set());
    if (!comparable) {
      const reason = modelIdentity(run)
        ? 'the run it was made from is not comparable across shards'
        : 'no fixed model made it, so it is not comparable across shards';
      notCarried.push({ run, reason });
      continue;
    }
    // Runs are oldest first: a newer run of the same key replaces the older one.
    const older = byKey.get(comparable.key);
    if (older) notCarried.push({ run: older.run, reason: `run ${run.id} of the same model is newer` });
    byKey.set(comparable.key, comparable);
  }
  return { byKey, notCarried };
}
