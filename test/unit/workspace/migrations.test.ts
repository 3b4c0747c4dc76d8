import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../../electron/core/workspace/database.js';
import { LATEST_SCHEMA_VERSION, migrate, schemaVersion } from '../../../electron/core/workspace/migrations/index.js';
import { Workspace } from '../../../electron/core/workspace/workspace.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir();

describe('workspace schema', () => {
  it('creates a new workspace at the latest version, in WAL mode with foreign keys on', () => {
    const dir = join(tempDir(), 'ws');
    const ws = Workspace.open(dir, { create: true });
    expect(schemaVersion(ws.db)).toBe(LATEST_SCHEMA_VERSION);
    expect(ws.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(ws.db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = (
      ws.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
    ).map((t) => t.name);
    expect(tables).toEqual(
      expect.arrayContaining([
        'objects',
        'source_files',
        'ingest_errors',
        'runs',
        'labels',
        'label_events',
        'object_metadata',
      ]),
    );
    ws.close();
  });

  it('migrates an older workspace forward and keeps its rows', () => {
    const dir = tempDir();
    const db = openDatabase(join(dir, 'serendip.db'));
    migrate(db, 1);
    db.prepare(
      "INSERT INTO source_files (path, size, mtime_ms, format, ingested_at) VALUES ('a.png', 1, 2, 'png', 'now')",
    ).run();
    db.prepare(
      "INSERT INTO objects (name, modality, file_id, created_at, updated_at) VALUES ('a', 'image', 1, 'now', 'now')",
    ).run();
    db.close();

    const ws = Workspace.open(dir);
    expect(schemaVersion(ws.db)).toBe(LATEST_SCHEMA_VERSION);
    expect(ws.db.prepare('SELECT name FROM objects').all()).toEqual([{ name: 'a' }]);
    ws.db
      .prepare(
        "INSERT INTO object_metadata (object_id, key, value, number, source) VALUES (1, 'z', '0.1', 0.1, 'cat.csv')",
      )
      .run();
    ws.close();
  });

  it('refuses a workspace written by a newer schema, with a clear message, and leaves it alone', () => {
    const dir = tempDir();
    const db = openDatabase(join(dir, 'serendip.db'));
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    db.close();
    expect(() => Workspace.open(dir)).toThrow(/newer Serendip.*schema version/);
    const again = openDatabase(join(dir, 'serendip.db'));
    expect(schemaVersion(again)).toBe(LATEST_SCHEMA_VERSION + 5);
    again.close();
  });

  it('refuses to open a folder that is not a workspace unless asked to create one', () => {
    expect(() => Workspace.open(tempDir())).toThrow(/not a Serendip workspace/);
  });

  it('records files inside the workspace by relative path and outside by absolute path', () => {
    const dir = tempDir();
    const ws = Workspace.open(dir, { create: true });
    expect(ws.storedPath(join(dir, 'demo-data', 'x.fits'))).toBe('demo-data/x.fits');
    expect(ws.storedPath('/elsewhere/y.png')).toBe('/elsewhere/y.png');
    expect(ws.resolvePath('demo-data/x.fits')).toBe(join(dir, 'demo-data', 'x.fits'));
    ws.close();
  });
});
