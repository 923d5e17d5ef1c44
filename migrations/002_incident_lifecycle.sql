-- Lifecycle of posted incidents: the state 7SIGNAL reports, the state the Slack message has
-- announced, and a fingerprint of the incident data, so that each change is announced once and
-- a message is refreshed only when what it shows has changed.

-- open, recovered (agent incident with a reported end in the past) or resolved (alert incident).
ALTER TABLE incidents ADD COLUMN state TEXT NOT NULL DEFAULT 'open'
  CHECK (state IN ('open', 'recovered', 'resolved'));

-- The state the Slack message shows and its thread has announced; set when the post or the
-- announcement is confirmed by Slack.
ALTER TABLE incidents ADD COLUMN announced_state TEXT NOT NULL DEFAULT 'open'
  CHECK (announced_state IN ('open', 'recovered', 'resolved'));

-- Fingerprint of the incident data as last listed, and of the data the Slack message shows.
ALTER TABLE incidents ADD COLUMN fingerprint TEXT;
ALTER TABLE incidents ADD COLUMN shown_fingerprint TEXT;

-- The Slack user who resolved the incident with the Resolve button, and when.
ALTER TABLE incidents ADD COLUMN resolved_by TEXT;
ALTER TABLE incidents ADD COLUMN resolved_by_at INTEGER;

-- Agent messages posted before this migration already showed "Recovered" when the reported end
-- lay before the post.
UPDATE incidents
SET announced_state = 'recovered'
WHERE kind = 'agent'
  AND status = 'posted'
  AND json_valid(payload)
  AND json_extract(payload, '$.endTimestamp') IS NOT NULL
  AND julianday(json_extract(payload, '$.endTimestamp')) IS NOT NULL
  AND (julianday(json_extract(payload, '$.endTimestamp')) - 2440587.5) * 86400000.0 <= posted_at;

CREATE INDEX incidents_unannounced ON incidents (status) WHERE state <> announced_state;
