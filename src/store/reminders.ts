import type { Database, Statement } from 'better-sqlite3';
import { toRecord, type IncidentKind, type IncidentRecord, type Row } from './incident-store.ts';

/** A posted incident that is due for a reminder, with the thread its replies go to. */
export interface ReminderCandidate {
  record: IncidentRecord & { channel: string; ts: string };
  /** The digest thread the message is in; null for a top-level message, whose own thread is used. */
  threadTs: string | null;
}

type CandidateRow = Row & { channel: string; ts: string; thread_ts: string | null };

/** The reminders about missing acknowledgements: which posted incidents are due, and which got one. */
export class ReminderStore {
  private readonly selectDue: Statement<[number, number], CandidateRow>;
  private readonly reminded: Statement<[number, IncidentKind, string]>;

  constructor(db: Database) {
    this.selectDue = db.prepare(
      `SELECT * FROM incident_records
       WHERE status = 'posted' AND state = 'open' AND reminded_at IS NULL AND posted_at <= ?
         AND channel IS NOT NULL AND ts IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM acknowledgements
                         WHERE acknowledgements.kind = incident_records.kind AND acknowledgements.id = incident_records.id)
       ORDER BY posted_at, kind, id LIMIT ?`,
    );
    this.reminded = db.prepare('UPDATE incidents SET reminded_at = ? WHERE kind = ? AND id = ?');
  }

  /**
   * Returns posted incidents that are still open, have no acknowledgement and no reminder, and
   * were posted at or before `postedBefore`, oldest first.
   */
  due(postedBefore: number, limit: number): ReminderCandidate[] {
    return this.selectDue.all(postedBefore, limit).map((row) => ({
      record: { ...toRecord(row), channel: row.channel, ts: row.ts },
      threadTs: row.thread_ts,
    }));
  }

  /** Records that the incident's reminder was posted, so it gets no other. */
  markReminded(kind: IncidentKind, id: string, now: number): void {
    this.reminded.run(now, kind, id);
  }
}
