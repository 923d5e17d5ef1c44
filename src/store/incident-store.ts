import type { Database, Statement } from 'better-sqlite3';

/** Agent incidents come from the platform's detection; alert incidents from customer alert rules. */
export type IncidentKind = 'agent' | 'alert';

export type IncidentStatus = 'pending' | 'posted' | 'recorded';

/** One row of the seen-set. */
export interface IncidentRecord {
  kind: IncidentKind;
  id: string;
  organization: string;
  status: IncidentStatus;
  channel: string | null;
  ts: string | null;
  firstSeenAt: number;
  lastSeenAt: number;
  postedAt: number | null;
  attempts: number;
  lastError: string | null;
  /** The incident as the API last listed it, as JSON. */
  payload: string;
}

/** An incident as listed in one poll, ready to be compared with the seen-set. */
export interface ObservedIncident {
  id: string;
  payload: string;
}

/**
 * What the seen-set makes of a listed incident: `new` was never listed before, `pending` was
 * listed but is not posted yet, `seen` was posted or recorded already.
 */
export type DiffOutcome = 'new' | 'pending' | 'seen';

interface Row {
  kind: IncidentKind;
  id: string;
  organization: string;
  status: IncidentStatus;
  channel: string | null;
  ts: string | null;
  first_seen_at: number;
  last_seen_at: number;
  posted_at: number | null;
  attempts: number;
  last_error: string | null;
  payload: string;
}

function toRecord(row: Row): IncidentRecord {
  return {
    kind: row.kind,
    id: row.id,
    organization: row.organization,
    status: row.status,
    channel: row.channel,
    ts: row.ts,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    postedAt: row.posted_at,
    attempts: row.attempts,
    lastError: row.last_error,
    payload: row.payload,
  };
}

/** The seen-set: which incidents the bot has listed, posted, and where. */
export class IncidentStore {
  private readonly findStatus: Statement<[IncidentKind, string], { status: IncidentStatus; payload: string }>;
  private readonly insert: Statement<[IncidentKind, string, string, IncidentStatus, number, number, string]>;
  private readonly refresh: Statement<[number, string, IncidentKind, string]>;
  private readonly touch: Statement<[number, IncidentKind, string]>;
  private readonly selectPending: Statement<[number], Row>;
  private readonly selectOne: Statement<[IncidentKind, string], Row>;
  private readonly posted: Statement<[string, string, number, IncidentKind, string]>;
  private readonly failed: Statement<[string, IncidentKind, string]>;

  constructor(private readonly db: Database) {
    this.findStatus = db.prepare('SELECT status, payload FROM incidents WHERE kind = ? AND id = ?');
    this.insert = db.prepare(
      `INSERT INTO incidents (kind, id, organization, status, first_seen_at, last_seen_at, payload)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.refresh = db.prepare('UPDATE incidents SET last_seen_at = ?, payload = ? WHERE kind = ? AND id = ?');
    this.touch = db.prepare('UPDATE incidents SET last_seen_at = ? WHERE kind = ? AND id = ?');
    this.selectPending = db.prepare(
      "SELECT * FROM incidents WHERE status = 'pending' ORDER BY first_seen_at, id LIMIT ?",
    );
    this.selectOne = db.prepare('SELECT * FROM incidents WHERE kind = ? AND id = ?');
    this.posted = db.prepare(
      `UPDATE incidents SET status = 'posted', channel = ?, ts = ?, posted_at = ?, attempts = attempts + 1, last_error = NULL
       WHERE kind = ? AND id = ?`,
    );
    this.failed = db.prepare(
      'UPDATE incidents SET attempts = attempts + 1, last_error = ? WHERE kind = ? AND id = ?',
    );
  }

  /**
   * Compares the incidents of one listing with the seen-set in one transaction. New incidents are
   * inserted with `newStatus`; known ones get their last payload and last-seen time.
   */
  observe(
    kind: IncidentKind,
    organization: string,
    incidents: ObservedIncident[],
    now: number,
    newStatus: 'pending' | 'recorded' = 'pending',
  ): Map<string, DiffOutcome> {
    const outcomes = new Map<string, DiffOutcome>();

    this.db.transaction(() => {
      for (const incident of incidents) {
        const known = this.findStatus.get(kind, incident.id);

        if (known === undefined) {
          this.insert.run(kind, incident.id, organization, newStatus, now, now, incident.payload);
          outcomes.set(incident.id, 'new');
          continue;
        }

        if (known.payload === incident.payload) {
          this.touch.run(now, kind, incident.id);
        } else {
          this.refresh.run(now, incident.payload, kind, incident.id);
        }
        outcomes.set(incident.id, known.status === 'pending' ? 'pending' : 'seen');
      }
    }).immediate();

    return outcomes;
  }

  /** Returns incidents waiting to be posted, oldest first. */
  pending(limit = 1000): IncidentRecord[] {
    return this.selectPending.all(limit).map(toRecord);
  }

  get(kind: IncidentKind, id: string): IncidentRecord | undefined {
    const row = this.selectOne.get(kind, id);
    return row === undefined ? undefined : toRecord(row);
  }

  /** Records that Slack confirmed the post of an incident as message `ts` in `channel`. */
  markPosted(kind: IncidentKind, id: string, channel: string, ts: string, now: number): void {
    this.posted.run(channel, ts, now, kind, id);
  }

  /** Records a failed post; the incident stays pending and is tried again next cycle. */
  markFailed(kind: IncidentKind, id: string, error: string): void {
    this.failed.run(error.slice(0, 500), kind, id);
  }
}
