import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.ts';
import { PollerLock } from '../../src/store/poller-lock.ts';

const LEASE = 60_000;

function database() {
  return openDatabase(join(mkdtempSync(join(tmpdir(), 'wifi-lock-')), 'bot.db'));
}

describe('PollerLock', () => {
  it('lets one holder in', () => {
    const db = database();
    const first = new PollerLock(db, LEASE);
    expect(first.acquire(1000)).toEqual({ acquired: true });
    expect(first.heartbeat(2000)).toBe(true);
    first.release();
    expect(db.prepare('SELECT count(*) FROM poller_lock').pluck().get()).toBe(0);
  });

  it('rejects while another host beats', () => {
    const db = database();
    db.prepare("INSERT INTO poller_lock VALUES (1, 'other', 'other-host', 4242, 1000, 50000)").run();
    const result = new PollerLock(db, LEASE).acquire(60_000);
    expect(result).toMatchObject({ acquired: false, holder: { hostname: 'other-host', pid: 4242 } });
  });

  it('takes over a silent host', () => {
    const db = database();
    db.prepare("INSERT INTO poller_lock VALUES (1, 'other', 'other-host', 4242, 1000, 1000)").run();
    const lock = new PollerLock(db, LEASE);
    expect(lock.acquire(1000 + LEASE + 1)).toEqual({ acquired: true });
    expect(lock.heartbeat(1000 + LEASE + 2)).toBe(true);
  });

  it('loses the heartbeat after a takeover', () => {
    const db = database();
    const first = new PollerLock(db, LEASE);
    first.acquire(1000);
    db.prepare("UPDATE poller_lock SET holder = 'someone-else'").run();
    expect(first.heartbeat(2000)).toBe(false);
  });
});
