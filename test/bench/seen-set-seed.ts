import { openDatabase } from '../../src/store/database.ts';
import { makeAgentIncident } from '../../src/simulator/sevensignal/index.ts';

/** The id of the `index`-th seeded incident, shaped like a UUID. */
export function seenId(index: number): string {
  return `00000000-0000-4000-8000-${index.toString().padStart(12, '0')}`;
}

/** Fills the seen-set with `rows` posted incidents in one statement. */
export function seedSeenSet(path: string, rows: number, now: number): void {
  const db = openDatabase(path);
  const payload = JSON.stringify(makeAgentIncident({ id: seenId(0) }));
  db.prepare(
    `WITH RECURSIVE counter(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM counter WHERE n < ?)
     INSERT INTO incidents (kind, id, organization, status, channel, ts, first_seen_at, updated_at, posted_at, attempts,
       fingerprint, shown_fingerprint)
     SELECT 'agent', printf('00000000-0000-4000-8000-%012d', n), '', 'posted', 'C0BENCH', '1700000000.000100', ?, ?, ?, 1,
       NULL, NULL
     FROM counter`,
  ).run(rows - 1, now, now, now);
  db.prepare(
    `INSERT INTO incident_payloads (kind, id, payload) SELECT kind, id, ? FROM incidents`,
  ).run(payload);
  db.close();
}

