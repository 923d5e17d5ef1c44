import type { Database, Statement } from 'better-sqlite3';
import type { IncidentKind } from './incident-store.ts';

/** One digest message: a channel's summary of many new incidents, which are posted in its thread. */
export interface Digest {
  id: number;
  channel: string;
  createdAt: number;
  postAttemptedAt: number | null;
  ts: string | null;
}

/** An incident message that belongs in a digest thread: the incident's main message or a copy in `channel`. */
export interface DigestMember {
  kind: IncidentKind;
  id: string;
  /** True for a copy in a further channel, false for the incident's main message. */
  copy: boolean;
}

/** An incident in a digest, with its data, for the digest message. */
export interface DigestIncident {
  kind: IncidentKind;
  id: string;
  organization: string;
  payload: string;
}

interface DigestRow {
  digest_id: number;
  channel: string;
  created_at: number;
  post_attempted_at: number | null;
  ts: string | null;
}

function toDigest(row: DigestRow): Digest {
  return { id: row.digest_id, channel: row.channel, createdAt: row.created_at, postAttemptedAt: row.post_attempted_at, ts: row.ts };
}

/** Digest messages and which incident messages go into their threads. */
export class DigestStore {
  private readonly insert: Statement<[string, number]>;
  private readonly joinMain: Statement<[number, IncidentKind, string]>;
  private readonly joinCopy: Statement<[number, IncidentKind, string, string]>;
  private readonly selectOne: Statement<[number], DigestRow>;
  private readonly selectUnposted: Statement<[string], DigestRow>;
  private readonly selectIncidents: Statement<[number, string, number], DigestIncident>;
  private readonly attempted: Statement<[number, number]>;
  private readonly posted: Statement<[string, number, number]>;
  private readonly threadMain: Statement<[string, number]>;
  private readonly threadCopies: Statement<[string, number]>;

  constructor(private readonly db: Database) {
    this.insert = db.prepare('INSERT INTO digests (channel, created_at) VALUES (?, ?)');
    this.joinMain = db.prepare("UPDATE incidents SET digest_id = ? WHERE kind = ? AND id = ? AND status = 'pending'");
    this.joinCopy = db.prepare(
      "UPDATE incident_copies SET digest_id = ? WHERE kind = ? AND id = ? AND channel = ? AND status = 'pending'",
    );
    this.selectOne = db.prepare('SELECT * FROM digests WHERE digest_id = ?');
    this.selectUnposted = db.prepare('SELECT * FROM digests WHERE channel = ? AND ts IS NULL ORDER BY digest_id LIMIT 1');
    this.selectIncidents = db.prepare(
      `SELECT kind, id, organization, payload FROM incident_records WHERE digest_id = ?
       UNION ALL
       SELECT incident_records.kind, incident_records.id, incident_records.organization, incident_records.payload
       FROM incident_copies JOIN incident_records USING (kind, id)
       WHERE incident_copies.channel = ? AND incident_copies.digest_id = ?`,
    );
    this.attempted = db.prepare('UPDATE digests SET post_attempted_at = ? WHERE digest_id = ?');
    this.posted = db.prepare('UPDATE digests SET ts = ?, posted_at = ? WHERE digest_id = ?');
    this.threadMain = db.prepare('UPDATE incidents SET thread_ts = ? WHERE digest_id = ?');
    this.threadCopies = db.prepare('UPDATE incident_copies SET thread_ts = ? WHERE digest_id = ?');
  }

  /** Creates a digest for `channel` and puts the pending members in it, in one transaction. */
  create(channel: string, members: DigestMember[], now: number): Digest {
    return this.db.transaction(() => {
      const id = Number(this.insert.run(channel, now).lastInsertRowid);
      this.add(id, channel, members);
      return this.get(id)!;
    }).immediate();
  }

  /** Puts further pending incident messages in the thread of an existing digest of `channel`. */
  add(id: number, channel: string, members: DigestMember[]): void {
    this.db.transaction(() => {
      for (const member of members) {
        if (member.copy) {
          this.joinCopy.run(id, member.kind, member.id, channel);
        } else {
          this.joinMain.run(id, member.kind, member.id);
        }
      }
    })();
  }

  get(id: number): Digest | undefined {
    const row = this.selectOne.get(id);
    return row === undefined ? undefined : toDigest(row);
  }

  /** Returns the oldest digest of `channel` that Slack has not confirmed yet, if any. */
  unposted(channel: string): Digest | undefined {
    const row = this.selectUnposted.get(channel);
    return row === undefined ? undefined : toDigest(row);
  }

  /** Returns the incidents in a digest, main messages and copies alike. */
  incidents(digest: Digest): DigestIncident[] {
    return this.selectIncidents.all(digest.id, digest.channel, digest.id);
  }

  /** Records that a post of the digest starts now, before the request goes to Slack. */
  markPostAttempt(id: number, now: number): void {
    this.attempted.run(now, id);
  }

  /** Records the digest's message and points every member's replies to its thread. */
  markPosted(id: number, ts: string, now: number): void {
    this.db.transaction(() => {
      this.posted.run(ts, now, id);
      this.threadMain.run(ts, id);
      this.threadCopies.run(ts, id);
    }).immediate();
  }
}
