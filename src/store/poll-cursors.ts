import type { Database, Statement } from 'better-sqlite3';

/**
 * Upper bounds of the last successful poll per source, such as `agent:examplecorp`.
 * The next poll requests the window from that bound, less the look-back margin, to now.
 */
export class PollCursors {
  private readonly select: Statement<[string], number>;
  private readonly upsert: Statement<[string, number, number]>;
  private readonly countAll: Statement<[], number>;

  constructor(db: Database) {
    this.select = db.prepare('SELECT upper_ms FROM poll_cursors WHERE source = ?').pluck() as Statement<[string], number>;
    this.upsert = db.prepare(
      `INSERT INTO poll_cursors (source, upper_ms, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (source) DO UPDATE SET upper_ms = excluded.upper_ms, updated_at = excluded.updated_at`,
    );
    this.countAll = db.prepare('SELECT count(*) FROM poll_cursors').pluck() as Statement<[], number>;
  }

  get(source: string): number | undefined {
    return this.select.get(source);
  }

  set(source: string, upperMs: number, now: number): void {
    this.upsert.run(source, upperMs, now);
  }

  /** Returns whether no poll of any source has succeeded yet. */
  isEmpty(): boolean {
    return this.countAll.get() === 0;
  }
}
