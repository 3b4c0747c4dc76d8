// Where a merged workspace's objects came from: one row per shard workspace merged into it
// (`serendip merge`). Its model inputs and thumbnails stay in the shard, reached through the links
// inputs/<key> and thumbs/<key>, so the shard's absolute path is kept: the merged workspace may
// move, its shards may not. A shard is merged once: by path, and by plan and index when it has one.
import type { Db } from '../database.js';

export function updateToSchemaVersion5(db: Db): void {
  db.exec(`
    CREATE TABLE merged_shards (
      id INTEGER PRIMARY KEY,
      key TEXT NOT NULL UNIQUE,           -- the links' folder name under inputs/ and thumbs/
      path TEXT NOT NULL UNIQUE,          -- the shard workspace, absolute
      plan TEXT,                          -- sha256 of the plan it was ingested from, if any
      shard INTEGER,                      -- its index in that plan, and the plan's shard count
      shards INTEGER,
      objects INTEGER NOT NULL,
      id_offset INTEGER NOT NULL,         -- merged object id = the shard's object id + id_offset
      geometry TEXT NOT NULL,             -- JSON: its input stores and ingest input size and crop
      merged_at TEXT NOT NULL,
      UNIQUE (plan, shard)
    ) STRICT;
  `);
}
