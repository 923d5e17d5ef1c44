import type { Database, Statement } from 'better-sqlite3';
import { toRecord, type IncidentKind, type IncidentRecord, type Row } from './incident-store.ts';

/** The routing decision for a new incident: its channels, main channel first, and the snooze that held it back, if any. */
export interface RouteDecision {
  kind: IncidentKind;
  id: string;
  channels: string[];
  /** Set when an active snooze matches: the incident is recorded and not posted. */
  snoozeId?: number;
}

/** A pending incident with the channel chosen for its main message, and its digest if it has one. */
export interface RoutedIncident {
  record: IncidentRecord;
  channel: string;
  digestId: number | null;
  threadTs: string | null;
}

type RoutedRow = Row & { route_channel: string; digest_id: number | null; thread_ts: string | null };

/** A pending incident listed before its channel was chosen. */
export interface UnroutedIncident {
  kind: IncidentKind;
  id: string;
  organization: string;
  payload: string;
}

/**
 * The routing columns of the seen-set: the channel chosen for each new incident, its copies in
 * further channels, and which snooze held it back.
 */
export class IncidentRouteStore {
  private readonly route: Statement<[string, IncidentKind, string]>;
  private readonly hold: Statement<[string, number, IncidentKind, string]>;
  private readonly insertCopy: Statement<[IncidentKind, string, string]>;
  private readonly selectRouted: Statement<[number], RoutedRow>;
  private readonly selectUnrouted: Statement<[], UnroutedIncident>;

  constructor(private readonly db: Database) {
    this.route = db.prepare("UPDATE incidents SET route_channel = ? WHERE kind = ? AND id = ? AND status = 'pending'");
    this.hold = db.prepare(
      "UPDATE incidents SET route_channel = ?, status = 'recorded', snooze_id = ? WHERE kind = ? AND id = ? AND status = 'pending'",
    );
    this.insertCopy = db.prepare(
      "INSERT INTO incident_copies (kind, id, channel, status) VALUES (?, ?, ?, 'pending') ON CONFLICT DO NOTHING",
    );
    this.selectRouted = db.prepare(
      `SELECT * FROM incident_records WHERE status = 'pending' AND route_channel IS NOT NULL
       ORDER BY first_seen_at, id LIMIT ?`,
    );
    this.selectUnrouted = db.prepare(
      "SELECT kind, id, organization, payload FROM incident_records WHERE status = 'pending' AND route_channel IS NULL",
    );
  }

  /**
   * Records the decisions for new incidents in one transaction. A held incident becomes
   * `recorded` with its snooze; any other gets its main channel, and a pending copy for each
   * further channel. Incidents that are no longer pending are left as they are.
   */
  assign(decisions: RouteDecision[]): void {
    if (decisions.length === 0) {
      return;
    }
    this.db.transaction(() => {
      for (const decision of decisions) {
        const [main, ...further] = decision.channels;
        if (main === undefined) {
          throw new Error(`No channel chosen for ${decision.kind} incident ${decision.id}`);
        }
        if (decision.snoozeId !== undefined) {
          this.hold.run(main, decision.snoozeId, decision.kind, decision.id);
          continue;
        }
        if (this.route.run(main, decision.kind, decision.id).changes === 0) {
          continue;
        }
        for (const channel of further) {
          this.insertCopy.run(decision.kind, decision.id, channel);
        }
      }
    }).immediate();
  }

  /** Returns pending incidents whose channel was chosen, oldest first. */
  routed(limit = 1000): RoutedIncident[] {
    return this.selectRouted.all(limit).map((row) => ({
      record: toRecord(row),
      channel: row.route_channel,
      digestId: row.digest_id,
      threadTs: row.thread_ts,
    }));
  }

  /**
   * Returns pending incidents without a chosen channel: those listed before routing existed, or
   * whose decision was not written because the process stopped between the two transactions.
   */
  unrouted(): UnroutedIncident[] {
    return this.selectUnrouted.all();
  }
}
