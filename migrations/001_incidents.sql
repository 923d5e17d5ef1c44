-- Seen-set of incidents: one row per incident the bot has listed, whether or not it is posted yet.
CREATE TABLE incidents (
  kind          TEXT    NOT NULL CHECK (kind IN ('agent', 'alert')),
  id            TEXT    NOT NULL,
  organization  TEXT    NOT NULL DEFAULT '',
  -- pending: to be posted; posted: Slack confirmed it; recorded: seen on the first run, not posted.
  status        TEXT    NOT NULL CHECK (status IN ('pending', 'posted', 'recorded')),
  channel       TEXT,
  ts            TEXT,
  first_seen_at INTEGER NOT NULL,
  last_seen_at  INTEGER NOT NULL,
  posted_at     INTEGER,
  attempts      INTEGER NOT NULL DEFAULT 0,
  last_error    TEXT,
  payload       TEXT    NOT NULL,
  PRIMARY KEY (kind, id)
) WITHOUT ROWID;

CREATE INDEX incidents_pending ON incidents (status) WHERE status = 'pending';

-- Upper bound of the last successful poll, per source (kind and organization).
CREATE TABLE poll_cursors (
  source     TEXT    PRIMARY KEY,
  upper_ms   INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
