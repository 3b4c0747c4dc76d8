// Opens the workspace's SQLite file with the settings every connection needs:
// WAL so readers never block the one writer, foreign keys on, and a busy timeout so a
// second process (a CLI run beside the app) waits briefly instead of failing.
import Database from 'better-sqlite3';

export type Db = Database.Database;

export function openDatabase(path: string, options: { readonly?: boolean } = {}): Db {
  const db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  if (!options.readonly) db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // NORMAL is durable in WAL mode against process crashes; only an OS crash can lose the last commit.
  db.pragma('synchronous = NORMAL');
  return db;
}

/** Runs `fn` in one IMMEDIATE transaction: the write lock is taken up front, so no upgrade deadlock. */
export function inTransaction<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).immediate();
}
