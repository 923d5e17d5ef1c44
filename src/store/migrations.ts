import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { projectRoot } from '../project-root.ts';

/** The folder of ordered SQL migrations shipped with the bot. */
export const MIGRATIONS_DIR = join(projectRoot(), 'migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Reads `NNN_name.sql` files from `dir`, ordered by their number. */
export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => {
      const match = /^(\d+)_(.+)\.sql$/.exec(file);
      if (!match) {
        throw new Error(`Migration file ${join(dir, file)} is not named NNN_name.sql: rename it with a leading version number.`);
      }
      return { version: Number(match[1]), name: match[2]!, sql: readFileSync(join(dir, file), 'utf8') };
    })
    .sort((a, b) => a.version - b.version);

  for (let i = 1; i < migrations.length; i += 1) {
    if (migrations[i]!.version === migrations[i - 1]!.version) {
      throw new Error(`Two migrations in ${dir} have version ${migrations[i]!.version}: give each a unique number.`);
    }
  }
  return migrations;
}

/**
 * Applies the migrations that `db` has not recorded yet, each in its own transaction together
 * with its row in `schema_migrations`, and returns the versions it applied.
 */
export function migrate(db: Database, migrations: Migration[] = readMigrations(), now: number = Date.now()): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    applied_at INTEGER NOT NULL
  )`);

  const applied = new Set(
    db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[],
  );
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const done: number[] = [];

  for (const migration of migrations) {
    if (applied.has(migration.version)) {
      continue;
    }

    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, now);
    }).immediate();
    done.push(migration.version);
  }

  return done;
}
