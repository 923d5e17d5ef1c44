import { buildIncidentMessage } from '../slack/messages/incident-message.ts';
import type { SlackMessage } from '../slack/messages/slack-message.ts';
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

/**
 * Posts every pending incident, oldest first, and records the channel and `ts` of each post once
 * Slack confirmed it. A failed post stays pending and is tried again next cycle.
 */
export async function sendPendingIncidents(
  deps: PollerDependencies,
  now: number,
): Promise<{ posted: number; failed: number }> {
  let posted = 0;
  let failed = 0;

  for (const record of deps.store.pending()) {
    const logger = deps.logger.child({ kind: record.kind, incidentId: record.id, channel: deps.channel });
    const result = await postIncidentOnce(deps.slack, deps.store, record, deps.channel, buildMessage(record, now), now, logger);

    if (result.ok) {
      deps.store.markPosted(record.kind, record.id, result.channel, result.ts, now, {
        state: record.state,
        fingerprint: record.fingerprint,
      });
      posted += 1;
      deps.metrics?.posted.inc({ kind: record.kind });
      if (!result.found) {
        logger.info({ ts: result.ts }, 'Posted incident to Slack');
      }
      continue;
    }

    failed += 1;
    deps.metrics?.slackErrors.inc({ method: 'chat.postMessage', code: result.failure.code });
    deps.store.markFailed(record.kind, record.id, result.failure.code);
    logger.error(
      { slackError: result.failure.code, attempts: record.attempts + 1 },
      `Posting the incident to Slack failed: ${result.failure.fix}. It stays pending and is tried again next cycle`,
    );

    if (STOP_ERRORS.has(result.failure.code)) {
      break;
    }
  }

  return { posted, failed };
}
