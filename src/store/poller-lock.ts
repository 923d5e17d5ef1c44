import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Database, Statement } from 'better-sqlite3';

/** The process that holds the lock, as stored in the database. */
export interface LockHolder {
  holder: string;
  hostname: string;
  pid: number;
  acquiredAt: number;
  heartbeatAt: number;
}

export type LockResult = { acquired: true } | { acquired: false; holder: LockHolder };

interface LockRow {
  holder: string;
  hostname: string;
  pid: number;
  acquired_at: number;
  heartbeat_at: number;
}

/** Whether process `pid` runs on this host; a process that cannot be signalled for lack of rights counts as running. */
function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A lock in the database that lets one process poll. It is released when the holder stops, and
 * counts as free when the holder's process no longer runs on this host, or, for a holder on
 * another host, when its heartbeat is older than `leaseMs`.
 */
export class PollerLock {
  readonly holderId = randomUUID();
  private readonly host = hostname();
  private readonly select: Statement<[], LockRow>;
  private readonly upsert: Statement<[string, string, number, number, number]>;
  private readonly beat: Statement<[number, string]>;
  private readonly remove: Statement<[string]>;

  constructor(
    private readonly db: Database,
    private readonly leaseMs: number,
  ) {
    this.select = db.prepare('SELECT holder, hostname, pid, acquired_at, heartbeat_at FROM poller_lock WHERE id = 1');
    this.upsert = db.prepare(
      `INSERT INTO poller_lock (id, holder, hostname, pid, acquired_at, heartbeat_at) VALUES (1, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET holder = excluded.holder, hostname = excluded.hostname, pid = excluded.pid,
         acquired_at = excluded.acquired_at, heartbeat_at = excluded.heartbeat_at`,
    );
    this.beat = db.prepare('UPDATE poller_lock SET heartbeat_at = ? WHERE id = 1 AND holder = ?');
    this.remove = db.prepare('DELETE FROM poller_lock WHERE holder = ?');
  }

  /** Takes the lock unless another live process holds it; `now` is in epoch ms. */
  acquire(now: number): LockResult {
    return this.db.transaction((): LockResult => {
      const row = this.select.get();
      if (row !== undefined && row.holder !== this.holderId && this.isLive(row, now)) {
        return {
          acquired: false,
          holder: { holder: row.holder, hostname: row.hostname, pid: row.pid, acquiredAt: row.acquired_at, heartbeatAt: row.heartbeat_at },
        };
      }

      this.upsert.run(this.holderId, this.host, process.pid, now, now);
      return { acquired: true };
    }).immediate();
  }

  /** Renews the heartbeat; returns false when this process no longer holds the lock. */
  heartbeat(now: number): boolean {
    return this.beat.run(now, this.holderId).changes === 1;
  }

  /** Releases the lock if this process holds it. */
  release(): void {
    this.remove.run(this.holderId);
  }

  private isLive(row: LockRow, now: number): boolean {
    if (row.hostname === this.host) {
      return row.pid !== process.pid && processRuns(row.pid) && now - row.heartbeat_at < this.leaseMs * 10;
    }
    return now - row.heartbeat_at < this.leaseMs;
  }
}
