-- Who acknowledged an incident from Slack, and when; one row per acknowledged incident.
-- Unacknowledging deletes the row.
CREATE TABLE acknowledgements (
  kind            TEXT    NOT NULL,
  id              TEXT    NOT NULL,
  user_id         TEXT    NOT NULL,
  acknowledged_at INTEGER NOT NULL,
  PRIMARY KEY (kind, id),
  FOREIGN KEY (kind, id) REFERENCES incidents (kind, id) ON DELETE CASCADE
) WITHOUT ROWID;
