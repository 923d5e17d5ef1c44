import { buildIncidentMessage } from '../slack/messages/incident-message.ts';
import type { SlackMessage } from '../slack/messages/slack-message.ts';
import type { SlackFailure } from '../slack/slack-errors.ts';
import type { IncidentRecord } from '../store/incident-store.ts';
import { toIncidentView } from './incident-view.ts';
import type { PollerDependencies } from './poll-cycle.ts';
import { postIncidentOnce } from './post-once.ts';

/** Slack errors after which no further post or update in the channel in this cycle can succeed. */
export const STOP_ERRORS = new Set(['channel_not_found', 'not_in_channel', 'is_archived', 'invalid_auth', 'not_authed', 'token_revoked', 'account_inactive', 'missing_scope']);

/** Builds the first message of a pending incident, which has no acknowledgement yet. */
function buildMessage(record: IncidentRecord, now: number): SlackMessage {
  return buildIncidentMessage(toIncidentView(record), now);
}

/** The target of a message: a channel, and the digest thread when it is posted as a reply. */
export interface Placement {
  channel: string;
  threadTs?: string;
}

/** The result of one post: `posted` when Slack confirmed it (or an earlier attempt was found), or the failure. */
export type SendOutcome = { posted: true } | { posted: false; failure: SlackFailure };

/**
 * Posts one pending incident to its placement and records the channel and `ts` of the post once
 * Slack confirmed it. A failed post stays pending and is tried again next cycle.
 */
export async function sendPendingIncident(
  deps: PollerDependencies,
  record: IncidentRecord,
  placement: Placement,
  now: number,
): Promise<SendOutcome> {
  const { channel, threadTs } = placement;
  const logger = deps.logger.child({ kind: record.kind, incidentId: record.id, channel, threadTs });
  const result = await postIncidentOnce(deps.slack, deps.store, record, channel, buildMessage(record, now), now, logger, { threadTs });

  if (result.ok) {
    // A message found from an earlier attempt shows the incident as it was then, which may be
    // before a change of state. It is recorded as showing the open state and data that matches no
    // listing, so the update stage refreshes it and announces a state that is not open.
    const shown = result.found ? { state: 'open' as const, fingerprint: '' } : { state: record.state, fingerprint: record.fingerprint };
    deps.store.markPosted(record.kind, record.id, result.channel, result.ts, now, shown);
    deps.metrics?.posted.inc({ kind: record.kind });
    if (!result.found) {
      logger.info({ ts: result.ts }, 'Posted incident to Slack');
    }
    return { posted: true };
  }

  deps.metrics?.slackErrors.inc({ method: 'chat.postMessage', code: result.failure.code });
  deps.store.markFailed(record.kind, record.id, result.failure.code);
  logger.error(
    { slackError: result.failure.code, attempts: record.attempts + 1 },
    `Posting the incident to Slack failed: ${result.failure.fix}. It stays pending and is tried again next cycle`,
  );
  return { posted: false, failure: result.failure };
}
