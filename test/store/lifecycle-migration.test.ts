import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, readMigrations } from '../../src/store/migrations.ts';

const POSTED_AT = Date.UTC(2026, 11, 4, 12, 0);

function insertPosted(db: BetterSqlite3.Database, id: string, payload: object): void {
  db.prepare(
    `INSERT INTO incidents (kind, id, status, channel, ts, first_seen_at, last_seen_at, posted_at, payload)
     VALUES ('agent', ?, 'posted', 'C1', '1.000100', 1, 1, ?, ?)`,
  ).run(id, POSTED_AT, JSON.stringify(payload));
}

describe('incident lifecycle migration', () => {
  it('marks messages that showed a recovery', () => {
    const db = new BetterSqlite3(':memory:');
    const [first, ...rest] = readMigrations();
    migrate(db, [first!]);
    insertPosted(db, 'ended-before', { endTimestamp: '2026-12-04T11:45:00.000Z' });
    insertPosted(db, 'ended-after', { endTimestamp: '2026-12-04T12:30:00.000Z' });
    insertPosted(db, 'ongoing', { endTimestamp: '' });
    insertPosted(db, 'no-end', {});

    migrate(db, [first!, ...rest]);

    const rows = db.prepare('SELECT id, state, announced_state FROM incidents ORDER BY id').all();
    expect(rows).toEqual([
      { id: 'ended-after', state: 'open', announced_state: 'open' },
      { id: 'ended-before', state: 'open', announced_state: 'recovered' },
      { id: 'no-end', state: 'open', announced_state: 'open' },
      { id: 'ongoing', state: 'open', announced_state: 'open' },
    ]);
  });
});
