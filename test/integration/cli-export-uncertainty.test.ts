// The export's uncertainty columns through the built CLI, as a user gets them: after `rank`, every
// ranked object's rank_iforest lies inside its seed interval (rank_seed_min..rank_seed_max) and some
// objects' intervals are wider than one place; `embedding_stability` is empty for the features
// embedding and, after a learned (contrastive) embedding, finite and ≥ 0 for each of its objects,
// the same in CSV and Parquet; with --no-stability it stays empty and no views are encoded.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parquetReadObjects } from 'hyparquet';
import { runCliOk } from '../helpers/run-cli.js';
import { useDemoWorkspace } from '../helpers/demo-workspace.js';
import { parseCsv } from '../../electron/core/formats/tables/csv.js';

const ok = (args: string[]): string => runCliOk(args).stdout;

/** A learned embedding as small as a test can afford: one epoch of a contrastive run on 64 objects. */
const SMALL_CONTRASTIVE = [
  '--method',
  'contrastive',
  '--epochs',
  '1',
  '--sample',
  '64',
  '--dim',
  '8',
  '--backend',
  'wasm',
];

interface Exported {
  column: (name: string) => string[];
  out: string;
}

function exportCsv(ws: string, out: string, formats = ['csv']): Exported {
  ok(['export', ws, out, '--format', ...formats]);
  const table = parseCsv(readFileSync(join(out, 'objects.csv'), 'utf8'));
  return {
    out,
    column: (name) => {
      expect(table.columns).toContain(name);
      return table.rows.map((r) => r[table.columns.indexOf(name)]);
    },
  };
}

/** Checks each ranked row's iforest rank against its seed interval; the rows ranked. */
function expectSeedIntervals({ column }: Exported): number[] {
  const [rank, low, high] = ['rank_iforest', 'rank_seed_min', 'rank_seed_max'].map(column);
  const ranked = rank.flatMap((r, i) => (r === '' ? [] : [i]));
  expect(ranked.length).toBeGreaterThan(0);
  for (const i of ranked) {
    expect(Number(low[i])).toBeGreaterThanOrEqual(1);
    expect(Number(low[i])).toBeLessThanOrEqual(Number(rank[i]));
    expect(Number(high[i])).toBeGreaterThanOrEqual(Number(rank[i]));
    expect(Number(high[i])).toBeLessThanOrEqual(ranked.length);
  }
  expect(ranked.some((i) => Number(high[i]) > Number(low[i]))).toBe(true);
  return ranked;
}

describe('serendip export: rank and embedding uncertainty', () => {
  const { shared, ws } = useDemoWorkspace('serendip-export-uncertainty-', 120, 4);

  it('writes the seed interval after rank, and no stability for the features embedding', () => {
    ok(['embed', ws, '--method', 'features']);
    ok(['rank', ws]);
    const exported = exportCsv(ws, join(shared, 'features'));
    expectSeedIntervals(exported);
    expect(new Set(exported.column('embedding_stability'))).toEqual(new Set(['']));
  });

  it('writes each learned object’s stability under augmentations, in CSV and Parquet alike', async () => {
    ok(['embed', ws, ...SMALL_CONTRASTIVE]);
    ok(['rank', ws]);
    const exported = exportCsv(ws, join(shared, 'learned'), ['csv', 'parquet']);
    const ranked = expectSeedIntervals(exported);
    const stability = exported.column('embedding_stability');
    for (const i of ranked) {
      expect(stability[i]).not.toBe('');
      expect(Number.isFinite(Number(stability[i]))).toBe(true);
      expect(Number(stability[i])).toBeGreaterThanOrEqual(0);
    }
    const parquet = (await parquetReadObjects({
      file: new Uint8Array(readFileSync(join(exported.out, 'objects.parquet'))).buffer,
    })) as Record<string, unknown>[];
    expect(parquet.map((r) => (r.embedding_stability === null ? '' : String(r.embedding_stability)))).toEqual(
      stability,
    );
  });

  it('leaves embedding_stability empty for a learned run embedded with --no-stability', () => {
    ok(['embed', ws, ...SMALL_CONTRASTIVE, '--no-stability']);
    type Run = { id: string; kind: string; method: string };
    const status = JSON.parse(ok(['status', ws, '--json'])) as { runs: Run[] };
    const newest = status.runs.filter((r) => r.kind === 'embedding').at(-1)!;
    expect(newest.method).toBe('contrastive');
    expect(existsSync(join(ws, 'embeddings', `${newest.id}.npy`))).toBe(true);
    expect(existsSync(join(ws, 'embeddings', `${newest.id}.stability.npy`))).toBe(false);
    const exported = exportCsv(ws, join(shared, 'no-stability'));
    expect(new Set(exported.column('embedding_stability'))).toEqual(new Set(['']));
  });
});
