import { createHash } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';

/** Agent incidents come from the platform's detection; alert incidents from customer alert rules. */
export type IncidentKind = 'agent' | 'alert';

export type IncidentStatus = 'pending' | 'posted' | 'recorded';

/**
 * The state 7SIGNAL reports for an incident: `open`, `recovered` (an agent incident whose
 * reported end is in the past) or `resolved` (an alert incident with `resolvedAt`).
 */
export type IncidentState = 'open' | 'recovered' | 'resolved';

/** One row of the seen-set. */
export interface IncidentRecord {
  kind: IncidentKind;
  id: string;
  organization: string;
  status: IncidentStatus;
  channel: string | null;
  ts: string | null;
  /** The digest thread the message was posted in; null for a top-level message. Replies go to this thread. */
  threadTs: string | null;
  firstSeenAt: number;
  /** When a post of the incident was last started; null before the first attempt. */
  postAttemptedAt: number | null;
  /** When the incident's state or data last changed, or when it was first listed. */
  updatedAt: number;
  postedAt: number | null;
  attempts: number;
  lastError: string | null;
  /** The incident as the API last listed it, as JSON. */
  payload: string;
  state: IncidentState;
  /** The state the Slack message shows and its thread announced. */
  announcedState: IncidentState;
  /** Fingerprint of the incident data as last listed; null for rows listed before fingerprints existed. */
  fingerprint: string | null;
  /** Fingerprint of the incident data the Slack message shows. */
  shownFingerprint: string | null;
  /** Slack user id of who resolved the incident with the Resolve button. */
  resolvedBy: string | null;
  resolvedByAt: number | null;
}

/** An incident as listed in one poll, ready to be compared with the seen-set. */
export interface ObservedIncident {
  id: string;
  /** The incident as JSON; read only when the seen-set writes it, so it may be a getter. */
  readonly payload: string;
  /** Defaults to `open`. */
  state?: IncidentState;
  /** Fingerprint of the data the Slack message shows; changes of it refresh the message. */
  fingerprint?: string;
}

/**
 * Outcome of comparing a listed incident with the seen-set: `new` was never listed before, `pending` was
 * listed but is not posted yet, `seen` was posted or recorded already.
 */
export type DiffOutcome = 'new' | 'pending' | 'seen';

/** One row of the `incidents` table as better-sqlite3 returns it. */
export interface Row {
  kind: IncidentKind;
  id: string;
  organization: string;
  status: IncidentStatus;
  channel: string | null;
  ts: string | null;
  thread_ts: string | null;
  first_seen_at: number;
  updated_at: number;
  post_attempted_at: number | null;
  posted_at: number | null;
  attempts: number;
  last_error: string | null;
  payload: string;
  state: IncidentState;
  announced_state: IncidentState;
  fingerprint: string | null;
  shown_fingerprint: string | null;
  resolved_by: string | null;
  resolved_by_at: number | null;
}

export function toRecord(row: Row): IncidentRecord {
  return {
    kind: row.kind,
    id: row.id,
    organization: row.organization,
    status: row.status,
    channel: row.channel,
    ts: row.ts,
    threadTs: row.thread_ts,
    firstSeenAt: row.first_seen_at,
    updatedAt: row.updated_at,
    postAttemptedAt: row.post_attempted_at,
    postedAt: row.posted_at,
    attempts: row.attempts,
    lastError: row.last_error,
    payload: row.payload,
    state: row.state,
    announcedState: row.announced_state,
    fingerprint: row.fingerprint,
    shownFingerprint: row.shown_fingerprint,
    resolvedBy: row.resolved_by,
    resolvedByAt: row.resolved_by_at,
  };
}

/** The columns `observe` compares with a new listing. */
interface KnownRow {
  id: string;
  status: IncidentStatus;
  state: IncidentState;
  fingerprint: string | null;
  shown_fingerprint: string | null;
}

/** Computes a fingerprint of a payload, for incidents observed without one. */
export function fingerprintPayload(payload: string): string {
  return createHash('sha1').update(payload).digest('base64url');
}

/** The seen-set: which incidents the bot has listed, posted, and where. */
export class IncidentStore {
  private readonly findKnown: Statement<[IncidentKind, string], KnownRow>;
  /** Per kind and organization: id to state and fingerprint of the settled incidents last listed. */
  private readonly lastListing = new Map<string, Map<string, string>>();
  private readonly insert: Statement<
    [IncidentKind, string, string, IncidentStatus, number, number, IncidentState, string | null]
  >;
  private readonly insertPayload: Statement<[IncidentKind, string, string]>;
  private readonly refresh: Statement<[number, IncidentState, string | null, IncidentKind, string]>;
  private readonly refreshPayload: Statement<[string, IncidentKind, string]>;
  private readonly adoptShown: Statement<[string, IncidentKind, string]>;
  private readonly selectPending: Statement<[number], Row>;
  private readonly selectOne: Statement<[IncidentKind, string], Row>;
  private readonly posted: Statement<[string, string, number, IncidentState, string | null, IncidentKind, string]>;
  private readonly failed: Statement<[string, IncidentKind, string]>;
  private readonly attempted: Statement<[number, IncidentKind, string]>;

  constructor(private readonly db: Database) {
    this.findKnown = db.prepare(
      'SELECT id, status, state, fingerprint, shown_fingerprint FROM incidents WHERE kind = ? AND id = ?',
    );
    this.insert = db.prepare(
      `INSERT INTO incidents (kind, id, organization, status, first_seen_at, updated_at, state, fingerprint)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertPayload = db.prepare('INSERT INTO incident_payloads (kind, id, payload) VALUES (?, ?, ?)');
    this.refresh = db.prepare('UPDATE incidents SET updated_at = ?, state = ?, fingerprint = ? WHERE kind = ? AND id = ?');
    this.refreshPayload = db.prepare('UPDATE incident_payloads SET payload = ? WHERE kind = ? AND id = ?');
    this.adoptShown = db.prepare('UPDATE incidents SET shown_fingerprint = ? WHERE kind = ? AND id = ?');
    this.selectPending = db.prepare(
      "SELECT * FROM incident_records WHERE status = 'pending' ORDER BY first_seen_at, id LIMIT ?",
    );
    this.selectOne = db.prepare('SELECT * FROM incident_records WHERE kind = ? AND id = ?');
    this.posted = db.prepare(
      `UPDATE incidents SET status = 'posted', channel = ?, ts = ?, posted_at = ?, attempts = attempts + 1, last_error = NULL,
         announced_state = ?, shown_fingerprint = ?
       WHERE kind = ? AND id = ?`,
    );
    this.attempted = db.prepare('UPDATE incidents SET post_attempted_at = ? WHERE kind = ? AND id = ?');
    this.failed = db.prepare(
      'UPDATE incidents SET attempts = attempts + 1, last_error = ? WHERE kind = ? AND id = ?',
    );
  }

  /**
   * Compares the incidents of one listing with the seen-set in one transaction. New incidents are
   * inserted with `newStatus`. Known ones whose state or fingerprint changed get the new state,
   * fingerprint and payload; unchanged ones are not written. A message posted before fingerprints
   * existed takes the first fingerprint as what it shows, so upgrading the bot does not refresh
   * every old message at once.
   *
   * A poll lists mostly the same incidents as the one before. So the state and fingerprint of the
   * settled (not pending) incidents of the last listing are kept per kind and organization, and an
   * incident listed again unchanged is `seen` without a database read.
   */
  observe(
    kind: IncidentKind,
    organization: string,
    incidents: ObservedIncident[],
    now: number,
    newStatus: 'pending' | 'recorded' = 'pending',
  ): Map<string, DiffOutcome> {
    const outcomes = new Map<string, DiffOutcome>();
    const listingKey = `${kind}\u0000${organization}`;
    const previous = this.lastListing.get(listingKey) ?? new Map<string, string>();
    const settled = new Map<string, string>();

    this.db.transaction(() => {
      for (const incident of incidents) {
        const state = incident.state ?? 'open';
        const fingerprint = incident.fingerprint ?? fingerprintPayload(incident.payload);
        const signature = `${state}\u0000${fingerprint}`;

        if (previous.get(incident.id) === signature) {
          settled.set(incident.id, signature);
          outcomes.set(incident.id, 'seen');
          continue;
        }

        const known = this.findKnown.get(kind, incident.id);
        if (known === undefined) {
          this.insert.run(kind, incident.id, organization, newStatus, now, now, state, fingerprint);
          this.insertPayload.run(kind, incident.id, incident.payload);
          outcomes.set(incident.id, 'new');
          if (newStatus === 'recorded') {
            settled.set(incident.id, signature);
          }
          continue;
        }

        if (known.state !== state || known.fingerprint !== fingerprint) {
          this.refresh.run(now, state, fingerprint, kind, incident.id);
          this.refreshPayload.run(incident.payload, kind, incident.id);
        }

        if (known.status === 'posted' && known.shown_fingerprint === null) {
          this.adoptShown.run(fingerprint, kind, incident.id);
        }

        if (known.status === 'pending') {
          outcomes.set(incident.id, 'pending');
        } else {
          outcomes.set(incident.id, 'seen');
          settled.set(incident.id, signature);
        }
      }
    }).immediate();

    // Kept only once the transaction committed, so the memory never runs ahead of the database.
    this.lastListing.set(listingKey, settled);
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

  /**
   * Records that Slack confirmed the post of an incident as message `ts` in `channel`, and the
   * state and fingerprint of the data the message shows (by default the open state, no fingerprint).
   */
  markPosted(
    kind: IncidentKind,
    id: string,
    channel: string,
    ts: string,
    now: number,
    shown: { state: IncidentState; fingerprint: string | null } = { state: 'open', fingerprint: null },
  ): void {
    this.posted.run(channel, ts, now, shown.state, shown.fingerprint, kind, id);
  }

  /** Records that a post of the incident starts now, before the request goes to Slack. */
  markPostAttempt(kind: IncidentKind, id: string, now: number): void {
    this.attempted.run(now, kind, id);
  }

  /** Records a failed post; the incident stays pending and is tried again next cycle. */
  markFailed(kind: IncidentKind, id: string, error: string): void {
    this.failed.run(error.slice(0, 500), kind, id);
  }
}
