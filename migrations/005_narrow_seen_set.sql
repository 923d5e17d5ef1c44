-- Every poll compares each listed incident with the seen-set, so its rows stay narrow: the
-- incident data moves to a table of its own and is written only when it changes.
CREATE TABLE incident_payloads (
  kind    TEXT NOT NULL,
  id      TEXT NOT NULL,
  payload TEXT NOT NULL,
  PRIMARY KEY (kind, id),
  FOREIGN KEY (kind, id) REFERENCES incidents (kind, id) ON DELETE CASCADE
) WITHOUT ROWID;

INSERT INTO incident_payloads (kind, id, payload) SELECT kind, id, payload FROM incidents;

ALTER TABLE incidents DROP COLUMN payload;

-- last_seen_at was rewritten for every listed incident on every poll; updated_at changes only
-- when the incident's state or data changes.
ALTER TABLE incidents RENAME COLUMN last_seen_at TO updated_at;

-- Posted messages that show older data than last listed, without a state change to announce.
CREATE INDEX incidents_outdated ON incidents (updated_at)
  WHERE status = 'posted' AND state = announced_state AND fingerprint IS NOT NULL
    AND shown_fingerprint IS NOT fingerprint;

-- An incident with its data, as the store reads it.
CREATE VIEW incident_records AS
  SELECT incidents.*, incident_payloads.payload
  FROM incidents JOIN incident_payloads USING (kind, id);
