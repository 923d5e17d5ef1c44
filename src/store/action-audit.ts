import type { Database, Statement } from 'better-sqlite3';
import type { IncidentKind } from './incident-store.ts';

/** One button click on an incident message and its result. */
export interface AuditEntry {
  at: number;
  userId: string;
  /** The action id of the button, such as `incident_acknowledge`. */
  action: string;
  /** Missing when the button value could not be read. */
  kind?: IncidentKind;
  incidentId?: string;
  channel?: string;
  messageTs?: string;
  /** A stable code such as `acknowledged`, `not_allowed` or `already_resolved`. */
  result: string;
  /** The error code and message of a failure. */
  detail?: string;
}

interface AuditRow {
  at: number;
  user_id: string;
  action: string;
  kind: IncidentKind | null;
  incident_id: string | null;
  channel: string | null;
  message_ts: string | null;
  result: string;
  detail: string | null;
}

/** Maximum characters kept of an entry's detail. */
const MAX_DETAIL = 1000;

/** The audit table of button clicks: who, what, when and the result. */
export class ActionAudit {
  private readonly insert: Statement<
    [number, string, string, string | null, string | null, string | null, string | null, string, string | null]
  >;
  private readonly selectLatest: Statement<[number], AuditRow>;

  constructor(db: Database) {
    this.insert = db.prepare(
      `INSERT INTO action_audit (at, user_id, action, kind, incident_id, channel, message_ts, result, detail)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.selectLatest = db.prepare('SELECT * FROM action_audit ORDER BY audit_id DESC LIMIT ?');
  }

  record(entry: AuditEntry): void {
    this.insert.run(
      entry.at,
      entry.userId,
      entry.action,
      entry.kind ?? null,
      entry.incidentId ?? null,
      entry.channel ?? null,
      entry.messageTs ?? null,
      entry.result,
      entry.detail === undefined ? null : entry.detail.slice(0, MAX_DETAIL),
    );
  }

  /** Returns the latest `limit` entries, oldest first. */
  latest(limit = 100): AuditEntry[] {
    return this.selectLatest.all(limit).reverse().map((row) => ({
      at: row.at,
      userId: row.user_id,
      action: row.action,
      ...(row.kind === null ? {} : { kind: row.kind }),
      ...(row.incident_id === null ? {} : { incidentId: row.incident_id }),
      ...(row.channel === null ? {} : { channel: row.channel }),
      ...(row.message_ts === null ? {} : { messageTs: row.message_ts }),
      result: row.result,
      ...(row.detail === null ? {} : { detail: row.detail }),
    }));
  }
}
