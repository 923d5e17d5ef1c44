import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { migrate } from './migrations.ts';

export type { Database };

/**
 * Opens (and creates, with mode 0600) the SQLite database at `path`, sets WAL journaling and
 * applies pending migrations. The folder is created when missing.
 */
export function openDatabase(path: string): Database {
  if (path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true });
    // Creating the file first gives it mode 0600; SQLite would create it with the umask's mode.
    closeSync(openSync(path, 'a', 0o600));
  }

  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}
