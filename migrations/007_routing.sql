-- Routing, storm digests, snoozes and reminders.

-- The channel chosen for a new incident when it was first listed. A failed post is retried to the
-- same channel, and a changed routes file applies only to incidents listed after the change.
ALTER TABLE incidents ADD COLUMN route_channel TEXT;

-- The digest message whose thread contains the incident, and that thread's ts once the digest is
-- posted. Replies about the incident (state changes, reminders) go to this thread.
ALTER TABLE incidents ADD COLUMN digest_id INTEGER;
ALTER TABLE incidents ADD COLUMN thread_ts TEXT;

-- The snooze that held the incident back: such incidents have the status recorded and no message.
ALTER TABLE incidents ADD COLUMN snooze_id INTEGER;

-- When the reminder about an unacknowledged incident was posted.
ALTER TABLE incidents ADD COLUMN reminded_at INTEGER;

CREATE INDEX incidents_snoozed ON incidents (snooze_id) WHERE snooze_id IS NOT NULL;
CREATE INDEX incidents_unreminded ON incidents (posted_at)
  WHERE status = 'posted' AND state = 'open' AND reminded_at IS NULL;

-- One message per channel and poll cycle that stands for many new incidents, which are posted in
-- its thread.
CREATE TABLE digests (
  digest_id         INTEGER PRIMARY KEY,
  channel           TEXT    NOT NULL,
  created_at        INTEGER NOT NULL,
  -- When a post of the digest was last started, so a post Slack confirmed just before a crash is
  -- looked up in the channel history instead of being sent twice.
  post_attempted_at INTEGER,
  ts                TEXT,
  posted_at         INTEGER
);

CREATE INDEX digests_unposted ON digests (channel) WHERE ts IS NULL;

-- Further messages of an incident in the channels of routes after a `continue: true` route. The
-- incident's own row keeps its main message; each copy tracks what its message shows.
CREATE TABLE incident_copies (
  kind              TEXT    NOT NULL,
  id                TEXT    NOT NULL,
  channel           TEXT    NOT NULL,
  status            TEXT    NOT NULL CHECK (status IN ('pending', 'posted')),
  ts                TEXT,
  digest_id         INTEGER,
  thread_ts         TEXT,
  post_attempted_at INTEGER,
  posted_at         INTEGER,
  attempts          INTEGER NOT NULL DEFAULT 0,
  last_error        TEXT,
  announced_state   TEXT    NOT NULL DEFAULT 'open' CHECK (announced_state IN ('open', 'recovered', 'resolved')),
  shown_fingerprint TEXT,
  PRIMARY KEY (kind, id, channel),
  FOREIGN KEY (kind, id) REFERENCES incidents (kind, id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE INDEX incident_copies_pending ON incident_copies (channel) WHERE status = 'pending';

-- Silenced incident scopes: new incidents with the same scope key are recorded, not posted, until
-- the snooze ends. When it ends, one message in its channel lists the incidents it held back.
CREATE TABLE snoozes (
  snooze_id           INTEGER PRIMARY KEY,
  -- Agent incidents: organization, location, network and band. Alert-rule incidents:
  -- organization, rule and dimension values. JSON, compared as text.
  scope               TEXT    NOT NULL,
  -- The scope in words, for messages.
  label               TEXT    NOT NULL,
  -- The incident whose message the snooze was set on, and that message.
  kind                TEXT    NOT NULL,
  incident_id         TEXT    NOT NULL,
  channel             TEXT    NOT NULL,
  message_ts          TEXT,
  created_at          INTEGER NOT NULL,
  -- The Slack user who last set the end, and the end.
  set_by              TEXT    NOT NULL,
  until               INTEGER NOT NULL,
  -- Set when the snooze ended: ended_by is the user who pressed End snooze, or NULL when the end
  -- time passed.
  ended_at            INTEGER,
  ended_by            TEXT,
  report_attempted_at INTEGER,
  report_ts           TEXT
);

-- One snooze that has not ended per scope.
CREATE UNIQUE INDEX snoozes_open_scope ON snoozes (scope) WHERE ended_at IS NULL;
CREATE INDEX snoozes_unreported ON snoozes (ended_at) WHERE report_ts IS NULL;
