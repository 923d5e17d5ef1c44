import type { Database, Statement } from 'better-sqlite3';
import { toRecord, type IncidentKind, type IncidentRecord, type IncidentState, type Row } from './incident-store.ts';

/**
 * A further message of an incident, in the channel of a route after a `continue: true` route. The
 * record is the incident itself; the other fields describe this copy's message.
 */
export interface IncidentCopy {
  record: IncidentRecord;
  channel: string;
  status: 'pending' | 'posted';
  ts: string | null;
  digestId: number | null;
  threadTs: string | null;
  postAttemptedAt: number | null;
  attempts: number;
  /** The state this copy's message shows and its thread announced. */
  announcedState: IncidentState;
  /** Fingerprint of the incident data this copy's message shows; empty after a failed update. */
  shownFingerprint: string | null;
}

type CopyRow = Row & {
  copy_channel: string;
  copy_status: 'pending' | 'posted';
  copy_ts: string | null;
  copy_digest_id: number | null;
  copy_thread_ts: string | null;
  copy_post_attempted_at: number | null;
  copy_attempts: number;
  copy_announced_state: IncidentState;
  copy_shown_fingerprint: string | null;
};

function toCopy(row: CopyRow): IncidentCopy {
  return {
    record: toRecord(row),
    channel: row.copy_channel,
    status: row.copy_status,
    ts: row.copy_ts,
    digestId: row.copy_digest_id,
    threadTs: row.copy_thread_ts,
    postAttemptedAt: row.copy_post_attempted_at,
    attempts: row.copy_attempts,
    announcedState: row.copy_announced_state,
    shownFingerprint: row.copy_shown_fingerprint,
  };
}

const SELECT_COPIES = `
  SELECT incident_records.*,
    incident_copies.channel AS copy_channel, incident_copies.status AS copy_status, incident_copies.ts AS copy_ts,
    incident_copies.digest_id AS copy_digest_id, incident_copies.thread_ts AS copy_thread_ts,
    incident_copies.post_attempted_at AS copy_post_attempted_at, incident_copies.attempts AS copy_attempts,
    incident_copies.announced_state AS copy_announced_state, incident_copies.shown_fingerprint AS copy_shown_fingerprint
  FROM incident_copies JOIN incident_records USING (kind, id)`;

/** Copies of incident messages in further channels, and what each copy's message shows. */
export class IncidentCopyStore {
  private readonly selectOne: Statement<[IncidentKind, string, string], CopyRow>;
  private readonly selectPending: Statement<[number], CopyRow>;
  private readonly selectPosted: Statement<[IncidentKind, string], CopyRow>;
  private readonly selectUnannounced: Statement<[number], CopyRow>;
  private readonly selectOutdated: Statement<[number], CopyRow>;
  private readonly attempted: Statement<[number, IncidentKind, string, string]>;
  private readonly posted: Statement<[string, number, IncidentState, string | null, IncidentKind, string, string]>;
  private readonly failed: Statement<[string, IncidentKind, string, string]>;
  private readonly announced: Statement<[IncidentState, string | null, IncidentKind, string, string]>;
  private readonly shown: Statement<[string | null, IncidentKind, string, string]>;

  constructor(db: Database) {
    this.selectOne = db.prepare(`${SELECT_COPIES} WHERE kind = ? AND id = ? AND incident_copies.channel = ?`);
    this.selectPending = db.prepare(
      `${SELECT_COPIES} WHERE incident_copies.status = 'pending' ORDER BY incident_records.first_seen_at, kind, id LIMIT ?`,
    );
    this.selectPosted = db.prepare(`${SELECT_COPIES} WHERE incident_copies.status = 'posted' AND kind = ? AND id = ?`);
    this.selectUnannounced = db.prepare(
      `${SELECT_COPIES} WHERE incident_copies.status = 'posted' AND incident_records.state <> incident_copies.announced_state
       ORDER BY incident_records.updated_at, kind, id LIMIT ?`,
    );
    this.selectOutdated = db.prepare(
      `${SELECT_COPIES} WHERE incident_copies.status = 'posted' AND incident_records.state = incident_copies.announced_state
         AND incident_records.fingerprint IS NOT NULL AND incident_copies.shown_fingerprint IS NOT incident_records.fingerprint
       ORDER BY incident_records.updated_at, kind, id LIMIT ?`,
    );
    this.attempted = db.prepare('UPDATE incident_copies SET post_attempted_at = ? WHERE kind = ? AND id = ? AND channel = ?');
    this.posted = db.prepare(
      `UPDATE incident_copies SET status = 'posted', ts = ?, posted_at = ?, attempts = attempts + 1, last_error = NULL,
         announced_state = ?, shown_fingerprint = ?
       WHERE kind = ? AND id = ? AND channel = ?`,
    );
    this.failed = db.prepare(
      'UPDATE incident_copies SET attempts = attempts + 1, last_error = ? WHERE kind = ? AND id = ? AND channel = ?',
    );
    this.announced = db.prepare(
      'UPDATE incident_copies SET announced_state = ?, shown_fingerprint = ? WHERE kind = ? AND id = ? AND channel = ?',
    );
    this.shown = db.prepare('UPDATE incident_copies SET shown_fingerprint = ? WHERE kind = ? AND id = ? AND channel = ?');
  }

  get(kind: IncidentKind, id: string, channel: string): IncidentCopy | undefined {
    const row = this.selectOne.get(kind, id, channel);
    return row === undefined ? undefined : toCopy(row);
  }

  /** Returns copies waiting to be posted, oldest incident first. */
  pending(limit = 1000): IncidentCopy[] {
    return this.selectPending.all(limit).map(toCopy);
  }

  /** Returns the posted copies of one incident. */
  postedCopies(kind: IncidentKind, id: string): IncidentCopy[] {
    return this.selectPosted.all(kind, id).map(toCopy);
  }

  /** Returns posted copies whose message has not announced the incident's current state. */
  unannounced(limit = 100): IncidentCopy[] {
    return this.selectUnannounced.all(limit).map(toCopy);
  }

  /** Returns posted copies whose message shows older data than last listed, with no state change pending. */
  outdated(limit = 100): IncidentCopy[] {
    return this.selectOutdated.all(limit).map(toCopy);
  }

  /** Records that a post of the copy starts now, before the request goes to Slack. */
  markPostAttempt(copy: IncidentCopy, now: number): void {
    this.attempted.run(now, copy.record.kind, copy.record.id, copy.channel);
  }

  /**
   * Records that Slack confirmed the copy as message `ts`, and the state and data it shows: by
   * default those of the incident as read for the post.
   */
  markPosted(copy: IncidentCopy, ts: string, now: number, shown?: { state: IncidentState; fingerprint: string | null }): void {
    const { record } = copy;
    const { state, fingerprint } = shown ?? { state: record.state, fingerprint: record.fingerprint };
    this.posted.run(ts, now, state, fingerprint, record.kind, record.id, copy.channel);
  }

  /** Records a failed post; the copy stays pending and is tried again next cycle. */
  markFailed(copy: IncidentCopy, error: string): void {
    this.failed.run(error.slice(0, 500), copy.record.kind, copy.record.id, copy.channel);
  }

  /** Records that the copy's message announced `state` and shows the data of `fingerprint`. */
  markAnnounced(copy: IncidentCopy, state: IncidentState, fingerprint: string | null): void {
    this.announced.run(state, fingerprint, copy.record.kind, copy.record.id, copy.channel);
  }

  /** Records the fingerprint of the data the copy's message shows after Slack confirmed an update. */
  markShown(copy: IncidentCopy, fingerprint: string | null): void {
    this.shown.run(fingerprint, copy.record.kind, copy.record.id, copy.channel);
  }

  /** Marks the copy's message as outdated after a rejected update, so the next poll cycle refreshes it. */
  markStale(copy: IncidentCopy): void {
    this.shown.run('', copy.record.kind, copy.record.id, copy.channel);
  }
}
