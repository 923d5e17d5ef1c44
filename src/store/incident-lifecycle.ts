import type { Database, Statement } from 'better-sqlite3';
import { toRecord, type IncidentKind, type IncidentRecord, type IncidentState, type Row } from './incident-store.ts';

/**
 * The lifecycle of posted incidents in the seen-set: which state changes still have to be
 * announced in Slack, which messages show outdated data, and what the bot recorded after Slack
 * confirmed an update.
 */
export class IncidentLifecycleStore {
  private readonly selectUnannounced: Statement<[number], Row>;
  private readonly selectOutdated: Statement<[number], Row>;
  private readonly announced: Statement<[IncidentState, string | null, IncidentKind, string]>;
  private readonly shown: Statement<[string | null, IncidentKind, string]>;
  private readonly moved: Statement<[string, string, IncidentKind, string]>;
  private readonly resolved: Statement<[string | null, string | null, number | null, IncidentKind, string]>;
  private readonly resolvedPayload: Statement<[string, IncidentKind, string]>;
  private readonly db: Database;

  constructor(db: Database) {
    this.selectUnannounced = db.prepare(
      `SELECT * FROM incident_records WHERE state <> announced_state AND status = 'posted'
       ORDER BY updated_at, kind, id LIMIT ?`,
    );
    this.selectOutdated = db.prepare(
      `SELECT * FROM incident_records
       WHERE status = 'posted' AND state = announced_state AND fingerprint IS NOT NULL
         AND shown_fingerprint IS NOT fingerprint
       ORDER BY updated_at, kind, id LIMIT ?`,
    );
    this.announced = db.prepare(
      'UPDATE incidents SET announced_state = ?, shown_fingerprint = ? WHERE kind = ? AND id = ?',
    );
    this.shown = db.prepare('UPDATE incidents SET shown_fingerprint = ? WHERE kind = ? AND id = ?');
    // The new message is top-level, so replies no longer go to a digest thread.
    this.moved = db.prepare('UPDATE incidents SET channel = ?, ts = ?, thread_ts = NULL WHERE kind = ? AND id = ?');
    this.resolved = db.prepare(
      `UPDATE incidents SET state = 'resolved', fingerprint = ?,
         resolved_by = COALESCE(?, resolved_by), resolved_by_at = COALESCE(?, resolved_by_at)
       WHERE kind = ? AND id = ?`,
    );
    this.resolvedPayload = db.prepare('UPDATE incident_payloads SET payload = ? WHERE kind = ? AND id = ?');
    this.db = db;
  }

  /** Returns posted incidents whose state differs from the state their message announced, oldest first. */
  unannounced(limit = 100): IncidentRecord[] {
    return this.selectUnannounced.all(limit).map(toRecord);
  }

  /** Returns posted incidents whose message shows older data than last listed, with no state change pending. */
  outdated(limit = 100): IncidentRecord[] {
    return this.selectOutdated.all(limit).map(toRecord);
  }

  /** Records that Slack confirmed the announcement of `state`, with the fingerprint of the data shown. */
  markAnnounced(kind: IncidentKind, id: string, state: IncidentState, fingerprint: string | null): void {
    this.announced.run(state, fingerprint, kind, id);
  }

  /** Records the fingerprint of the data the message shows after Slack confirmed an update. */
  markShown(kind: IncidentKind, id: string, fingerprint: string | null): void {
    this.shown.run(fingerprint, kind, id);
  }

  /**
   * Marks a message as showing outdated data, so the next poll cycle refreshes it, after an update
   * Slack rejected. The empty fingerprint matches no listing.
   */
  markStale(kind: IncidentKind, id: string): void {
    this.shown.run('', kind, id);
  }

  /** Points the incident at a new message, after the original was deleted and posted again. */
  moveMessage(kind: IncidentKind, id: string, channel: string, ts: string): void {
    this.moved.run(channel, ts, kind, id);
  }

  /**
   * Records that an incident is resolved, with the incident data that shows it and, when it was
   * resolved with the Resolve button, the Slack user and time. A user recorded earlier is kept
   * when `userId` is missing.
   */
  markResolved(
    kind: IncidentKind,
    id: string,
    resolution: { payload: string; fingerprint: string | null; userId?: string; at?: number },
  ): void {
    this.db.transaction(() => {
      this.resolved.run(resolution.fingerprint, resolution.userId ?? null, resolution.at ?? null, kind, id);
      this.resolvedPayload.run(resolution.payload, kind, id);
    })();
  }
}
