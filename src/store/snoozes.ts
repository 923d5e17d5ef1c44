import type { Database, Statement } from 'better-sqlite3';
import type { IncidentKind, IncidentState } from './incident-store.ts';

/** A silenced scope of incidents and what happened to it. */
export interface Snooze {
  id: number;
  /** Key of the incidents it holds back, compared as text. */
  scope: string;
  /** The scope in words, such as `Main Campus - Floor 2 · CorpWiFi · 5 GHz`. */
  label: string;
  /** The incident whose message the snooze was set on, and that message. */
  kind: IncidentKind;
  incidentId: string;
  channel: string;
  messageTs: string | null;
  createdAt: number;
  /** The Slack user who last set the end. */
  setBy: string;
  until: number;
  endedAt: number | null;
  /** The user who pressed End snooze; null when the snooze ran out or has not ended. */
  endedBy: string | null;
  reportAttemptedAt: number | null;
  reportTs: string | null;
}

/** A snooze request: the scope, the message it came from, the user and the end. */
export interface SnoozeRequest {
  scope: string;
  label: string;
  kind: IncidentKind;
  incidentId: string;
  channel: string;
  messageTs: string | null;
  userId: string;
  until: number;
}

/**
 * The result of a snooze request: `created` for a new snooze, `changed` when a snooze of the same
 * scope was running and got the new end, with its earlier end in `previousUntil`.
 */
export type SnoozeChange = { outcome: 'created'; snooze: Snooze } | { outcome: 'changed'; snooze: Snooze; previousUntil: number };

/** An incident a snooze held back, with its data and its state as last listed. */
export interface HeldIncident {
  kind: IncidentKind;
  id: string;
  organization: string;
  payload: string;
  state: IncidentState;
}

interface SnoozeRow {
  snooze_id: number;
  scope: string;
  label: string;
  kind: IncidentKind;
  incident_id: string;
  channel: string;
  message_ts: string | null;
  created_at: number;
  set_by: string;
  until: number;
  ended_at: number | null;
  ended_by: string | null;
  report_attempted_at: number | null;
  report_ts: string | null;
}

function toSnooze(row: SnoozeRow): Snooze {
  return {
    id: row.snooze_id,
    scope: row.scope,
    label: row.label,
    kind: row.kind,
    incidentId: row.incident_id,
    channel: row.channel,
    messageTs: row.message_ts,
    createdAt: row.created_at,
    setBy: row.set_by,
    until: row.until,
    endedAt: row.ended_at,
    endedBy: row.ended_by,
    reportAttemptedAt: row.report_attempted_at,
    reportTs: row.report_ts,
  };
}

/**
 * Snoozes in SQLite, so they survive restarts. A scope has at most one snooze that has not ended.
 * A snooze whose end passed stays open until `expire` ends it, and matches no incident meanwhile.
 */
export class SnoozeStore {
  private readonly selectOne: Statement<[number], SnoozeRow>;
  private readonly selectOpen: Statement<[string], SnoozeRow>;
  private readonly selectOpenOf: Statement<[IncidentKind, string, number], SnoozeRow>;
  private readonly selectActive: Statement<[number], SnoozeRow>;
  private readonly selectUnreported: Statement<[], SnoozeRow>;
  private readonly selectHeld: Statement<[number], HeldIncident>;
  private readonly countHeld: Statement<[number], number>;
  private readonly insert: Statement<[string, string, IncidentKind, string, string, string | null, number, string, number]>;
  private readonly extend: Statement<[number, string, number]>;
  private readonly endOne: Statement<[number, string | null, number]>;
  private readonly expireDue: Statement<[number]>;
  private readonly reportAttempted: Statement<[number, number]>;
  private readonly reported: Statement<[string, number]>;

  constructor(private readonly db: Database) {
    this.selectOne = db.prepare('SELECT * FROM snoozes WHERE snooze_id = ?');
    this.selectOpen = db.prepare('SELECT * FROM snoozes WHERE scope = ? AND ended_at IS NULL');
    this.selectOpenOf = db.prepare(
      'SELECT * FROM snoozes WHERE kind = ? AND incident_id = ? AND ended_at IS NULL AND until > ? ORDER BY snooze_id LIMIT 1',
    );
    this.selectActive = db.prepare('SELECT * FROM snoozes WHERE ended_at IS NULL AND until > ? ORDER BY until, snooze_id');
    this.selectUnreported = db.prepare('SELECT * FROM snoozes WHERE ended_at IS NOT NULL AND report_ts IS NULL ORDER BY ended_at, snooze_id');
    this.selectHeld = db.prepare(
      'SELECT kind, id, organization, payload, state FROM incident_records WHERE snooze_id = ? ORDER BY first_seen_at, id',
    );
    this.countHeld = db.prepare('SELECT count(*) FROM incidents WHERE snooze_id = ?').pluck() as Statement<[number], number>;
    this.insert = db.prepare(
      `INSERT INTO snoozes (scope, label, kind, incident_id, channel, message_ts, created_at, set_by, until)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.extend = db.prepare('UPDATE snoozes SET until = ?, set_by = ? WHERE snooze_id = ?');
    this.endOne = db.prepare('UPDATE snoozes SET ended_at = ?, ended_by = ? WHERE snooze_id = ? AND ended_at IS NULL');
    this.expireDue = db.prepare('UPDATE snoozes SET ended_at = until WHERE ended_at IS NULL AND until <= ?');
    this.reportAttempted = db.prepare('UPDATE snoozes SET report_attempted_at = ? WHERE snooze_id = ?');
    this.reported = db.prepare('UPDATE snoozes SET report_ts = ? WHERE snooze_id = ?');
  }

  get(id: number): Snooze | undefined {
    const row = this.selectOne.get(id);
    return row === undefined ? undefined : toSnooze(row);
  }

  /**
   * Snoozes a scope until `request.until`. A running snooze of the scope gets the new end instead,
   * so a second click changes the end and keeps what the snooze held back. One whose end passed is
   * ended first and a new one starts.
   */
  snooze(request: SnoozeRequest, now: number): SnoozeChange {
    return this.db.transaction((): SnoozeChange => {
      const open = this.selectOpen.get(request.scope);
      if (open !== undefined && open.until > now) {
        this.extend.run(request.until, request.userId, open.snooze_id);
        return { outcome: 'changed', snooze: this.get(open.snooze_id)!, previousUntil: open.until };
      }
      if (open !== undefined) {
        this.endOne.run(open.until, null, open.snooze_id);
      }

      const id = Number(
        this.insert.run(request.scope, request.label, request.kind, request.incidentId, request.channel, request.messageTs, now, request.userId, request.until)
          .lastInsertRowid,
      );
      return { outcome: 'created', snooze: this.get(id)! };
    }).immediate();
  }

  /** Returns the snooze that holds back incidents of `scope` at `now`, if any. */
  active(scope: string, now: number): Snooze | undefined {
    const row = this.selectOpen.get(scope);
    return row !== undefined && row.until > now ? toSnooze(row) : undefined;
  }

  /** Returns the active snooze that was set on the message of incident `id`, if any. */
  activeSetOn(kind: IncidentKind, id: string, now: number): Snooze | undefined {
    const row = this.selectOpenOf.get(kind, id, now);
    return row === undefined ? undefined : toSnooze(row);
  }

  /** Returns every snooze that holds back incidents at `now`, the one ending first first. */
  activeSnoozes(now: number): Snooze[] {
    return this.selectActive.all(now).map(toSnooze);
  }

  /** Ends a snooze that has not ended, for `userId`; returns false when it had ended already. */
  end(id: number, userId: string, now: number): boolean {
    return this.endOne.run(now, userId, id).changes === 1;
  }

  /** Ends every snooze whose end passed by `now`, at its end time; returns how many. */
  expire(now: number): number {
    return this.expireDue.run(now).changes;
  }

  /** Returns ended snoozes whose report Slack has not confirmed yet, oldest first. */
  unreported(): Snooze[] {
    return this.selectUnreported.all().map(toSnooze);
  }

  /** Returns the incidents a snooze held back, in the order they were first listed. */
  held(id: number): HeldIncident[] {
    return this.selectHeld.all(id);
  }

  /** Returns how many incidents a snooze held back. */
  heldCount(id: number): number {
    return this.countHeld.get(id) ?? 0;
  }

  /** Records that a post of the report starts now, before the request goes to Slack. */
  markReportAttempt(id: number, now: number): void {
    this.reportAttempted.run(now, id);
  }

  /** Records the message that reported the end of the snooze. */
  markReported(id: number, ts: string): void {
    this.reported.run(ts, id);
  }
}
