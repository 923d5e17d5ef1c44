-- When a post of the incident was last started. A pending incident with a start time may already
-- be in Slack (the process stopped between Slack's answer and the database write), so the channel
-- history is searched for it before it is posted again.
ALTER TABLE incidents ADD COLUMN post_attempted_at INTEGER;

-- The one process that polls with this database. Others start without polling and take over when
-- the holder releases the lock, or when its heartbeat is older than the lock's lease.
CREATE TABLE poller_lock (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  holder       TEXT    NOT NULL,
  hostname     TEXT    NOT NULL,
  pid          INTEGER NOT NULL,
  acquired_at  INTEGER NOT NULL,
  heartbeat_at INTEGER NOT NULL
);
