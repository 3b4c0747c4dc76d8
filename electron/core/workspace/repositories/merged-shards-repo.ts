// The shards merged into a workspace (schema version 5): provenance for people, and what
// `serendip merge` checks so that no shard is merged twice.
import type { Db } from '../database.js';

export interface ShardGeometry {
  /** Model-input store file names by modality, e.g. { image: ['image-64x64x3.npy'] }. */
  layouts: Record<string, string[]>;
  /** The ingest runs' input size and crop, e.g. ['inputSize 64, crop 1']. */
  readOptions: string[];
}

export interface MergedShardRow {
  id: number;
  key: string;
  path: string;
  plan: string | null;
  shard: number | null;
  shards: number | null;
  objects: number;
  id_offset: number;
  geometry: string;
  merged_at: string;
}

export type NewMergedShard = Omit<MergedShardRow, 'id'>;

export function listMergedShards(db: Db): MergedShardRow[] {
  return db.prepare('SELECT * FROM merged_shards ORDER BY id').all() as MergedShardRow[];
}

export function insertMergedShard(db: Db, row: NewMergedShard): number {
  return Number(
    db
      .prepare(
        `INSERT INTO merged_shards (key, path, plan, shard, shards, objects, id_offset, geometry, merged_at)
         VALUES (@key, @path, @plan, @shard, @shards, @objects, @id_offset, @geometry, @merged_at)`,
      )
      .run(row).lastInsertRowid,
  );
}
