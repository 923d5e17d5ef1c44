-- Every button click on an incident message: who, what, when, and the result.
CREATE TABLE action_audit (
  audit_id    INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL,
  user_id     TEXT    NOT NULL,
  -- The action id of the button, such as incident_acknowledge.
  action      TEXT    NOT NULL,
  -- NULL when the button value could not be read.
  kind        TEXT,
  incident_id TEXT,
  channel     TEXT,
  message_ts  TEXT,
  -- A stable code such as acknowledged, already_acknowledged, not_allowed, out_of_date,
  -- resolved, already_resolved, not_found or failed.
  result      TEXT    NOT NULL,
  -- Free text for failures: the error code and message.
  detail      TEXT
);

CREATE INDEX action_audit_incident ON action_audit (kind, incident_id, at);
