import { mkdtempSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.ts';
import { IncidentStore } from '../../src/store/incident-store.ts';
import { migrate, readMigrations } from '../../src/store/migrations.ts';

function tempPath(name = 'bot.db'): string {
  return join(mkdtempSync(join(tmpdir(), 'wifi-store-')), 'nested', name);
}

describe('openDatabase', () => {
  it('creates the folder and a 0600 file', () => {
    const path = tempPath();
    openDatabase(path).close();
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('uses wal journaling', () => {
    const db = openDatabase(tempPath());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('records applied migrations once', () => {
    const path = tempPath();
    openDatabase(path).close();
    const db = openDatabase(path);
    const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
    expect(versions).toEqual(readMigrations().map((migration) => migration.version));
    db.close();
  });
});

describe('migrate', () => {
  it('upgrades an existing database in place', () => {
    const db = new BetterSqlite3(':memory:');
    const [first] = readMigrations();
    migrate(db, [first!]);
    db.prepare("INSERT INTO incidents (kind, id, status, first_seen_at, last_seen_at, payload) VALUES ('agent', 'a', 'posted', 1, 1, '{}')").run();

    const extra = { version: 999, name: 'extra', sql: 'ALTER TABLE incidents ADD COLUMN note TEXT;' };
    expect(migrate(db, [first!, extra])).toEqual([999]);
    expect(db.prepare('SELECT id, note FROM incidents').get()).toEqual({ id: 'a', note: null });
  });

  it('rolls back a failing migration', () => {
    const db = new BetterSqlite3(':memory:');
    const broken = { version: 1, name: 'broken', sql: 'CREATE TABLE t (x INTEGER); THIS IS NOT SQL;' };
    expect(() => migrate(db, [broken])).toThrow();
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 't'").pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(0);
  });

  it('rejects a badly named file', () => {
    const folder = mkdtempSync(join(tmpdir(), 'wifi-migrations-'));
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'add-table.sql'), 'SELECT 1;');
    expect(() => readMigrations(folder)).toThrow(/not named NNN_name.sql/);
  });
});

describe('IncidentStore', () => {
  it('diffs new, pending and seen incidents', () => {
    const store = new IncidentStore(openDatabase(tempPath()));
    const first = store.observe('agent', 'acme', [{ id: 'a', payload: '{"n":1}' }], 1000);
    expect(first.get('a')).toBe('new');

    const second = store.observe('agent', 'acme', [{ id: 'a', payload: '{"n":2}' }, { id: 'b', payload: '{}' }], 2000);
    expect(second.get('a')).toBe('pending');
    expect(second.get('b')).toBe('new');

    store.markPosted('agent', 'a', 'C1', '1.000100', 2500);
    const third = store.observe('agent', 'acme', [{ id: 'a', payload: '{"n":3}' }], 3000);
    expect(third.get('a')).toBe('seen');

    const record = store.get('agent', 'a');
    expect(record).toMatchObject({ status: 'posted', channel: 'C1', ts: '1.000100', firstSeenAt: 1000, postedAt: 2500, updatedAt: 3000, payload: '{"n":3}' });
    expect(store.pending().map((pending) => pending.id)).toEqual(['b']);
  });

  it('keeps kinds apart', () => {
    const store = new IncidentStore(openDatabase(tempPath()));
    store.observe('agent', '', [{ id: '42', payload: '{}' }], 1);
    expect(store.observe('alert', '', [{ id: '42', payload: '{}' }], 2).get('42')).toBe('new');
  });

  it('records without posting on request', () => {
    const store = new IncidentStore(openDatabase(tempPath()));
    store.observe('agent', '', [{ id: 'a', payload: '{}' }], 1, 'recorded');
    expect(store.pending()).toEqual([]);
    expect(store.get('agent', 'a')?.status).toBe('recorded');
  });

  it('counts failed attempts', () => {
    const store = new IncidentStore(openDatabase(tempPath()));
    store.observe('agent', '', [{ id: 'a', payload: '{}' }], 1);
    store.markFailed('agent', 'a', 'channel_not_found');
    expect(store.get('agent', 'a')).toMatchObject({ status: 'pending', attempts: 1, lastError: 'channel_not_found' });
  });
});
