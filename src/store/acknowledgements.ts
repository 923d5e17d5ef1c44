import type { Database, Statement } from 'better-sqlite3';
import type { IncidentKind } from './incident-store.ts';

/** The Slack user who acknowledged an incident, and the time in epoch milliseconds. */
export interface Acknowledgement {
  userId: string;
  at: number;
}

/**
 * The result of an acknowledge or unacknowledge request: `changed` when this request changed the
 * state, `unchanged` when the state was already as requested, `unknown_incident` when the
 * seen-set has no such incident. `current` is the acknowledgement after the request.
 */
export type AcknowledgementChange =
  | { outcome: 'changed' | 'unchanged'; current: Acknowledgement | undefined }
  | { outcome: 'unknown_incident'; current: undefined };

interface AcknowledgementRow {
  user_id: string;
  acknowledged_at: number;
}

/**
 * Acknowledgements of incidents, kept in SQLite so that buttons keep working across restarts.
 * Each change is one compare-and-set in an immediate transaction, so two clicks at the same time
 * end in one state.
 */
export class AcknowledgementStore {
  private readonly select: Statement<[IncidentKind, string], AcknowledgementRow>;
  private readonly incidentExists: Statement<[IncidentKind, string], number>;
  private readonly insert: Statement<[IncidentKind, string, string, number]>;
  private readonly remove: Statement<[IncidentKind, string]>;

  constructor(private readonly db: Database) {
    this.select = db.prepare('SELECT user_id, acknowledged_at FROM acknowledgements WHERE kind = ? AND id = ?');
    this.incidentExists = db.prepare('SELECT count(*) FROM incidents WHERE kind = ? AND id = ?').pluck() as Statement<
      [IncidentKind, string],
      number
    >;
    this.insert = db.prepare(
      `INSERT INTO acknowledgements (kind, id, user_id, acknowledged_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (kind, id) DO NOTHING`,
    );
    this.remove = db.prepare('DELETE FROM acknowledgements WHERE kind = ? AND id = ?');
  }

  get(kind: IncidentKind, id: string): Acknowledgement | undefined {
    const row = this.select.get(kind, id);
    return row === undefined ? undefined : { userId: row.user_id, at: row.acknowledged_at };
  }

  /** Acknowledges an incident for `userId` unless someone acknowledged it already. */
  acknowledge(kind: IncidentKind, id: string, userId: string, now: number): AcknowledgementChange {
    return this.db.transaction((): AcknowledgementChange => {
      if (this.incidentExists.get(kind, id) === 0) {
        return { outcome: 'unknown_incident', current: undefined };
      }
      const inserted = this.insert.run(kind, id, userId, now).changes === 1;
      return { outcome: inserted ? 'changed' : 'unchanged', current: this.get(kind, id) };
    }).immediate();
  }

  /** Removes the acknowledgement of an incident, made by any user. */
  unacknowledge(kind: IncidentKind, id: string): AcknowledgementChange {
    return this.db.transaction((): AcknowledgementChange => {
      if (this.incidentExists.get(kind, id) === 0) {
        return { outcome: 'unknown_incident', current: undefined };
      }
      const removed = this.remove.run(kind, id).changes === 1;
      return { outcome: removed ? 'changed' : 'unchanged', current: undefined };
    }).immediate();
  }
}
